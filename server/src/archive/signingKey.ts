import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface SigningKey {
  keyId: string;
  publicKeyPem: string;
  sign(data: Uint8Array): Uint8Array;
  publicKey: KeyObject;
}

/**
 * The server's Ed25519 archive-signing key, kept in the database so every process of a deployment
 * signs with the same key; created on first use. The public half is published at
 * `/.well-known/quorum-archive-key`.
 */
export async function loadSigningKey(db: Kysely<Database>): Promise<SigningKey> {
  let row = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').executeTakeFirst();
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const created = {
      id: createHash('sha256').update(publicPem).digest('hex').slice(0, 16),
      public_pem: publicPem,
      private_pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      created_at: Date.now(),
    };
    await db.insertInto('signing_keys').values(created).onConflict((oc) => oc.column('id').doNothing()).execute();
    row = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  }
  const privateKey = createPrivateKey(row.private_pem);
  return {
    keyId: row.id,
    publicKeyPem: row.public_pem,
    publicKey: createPublicKey(row.public_pem),
    sign: (data) => sign(null, data, privateKey),
  };
}

/** The public half of any key this deployment has signed with (old records name older keys), or null. */
export async function loadPublicKeyPem(db: Kysely<Database>, keyId: string): Promise<string | null> {
  const row = await db.selectFrom('signing_keys').select('public_pem').where('id', '=', keyId).executeTakeFirst();
  return row?.public_pem ?? null;
}
