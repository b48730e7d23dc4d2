import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { displayNameSchema, emailSchema, passwordSchema } from '../shared/src/api/auth.ts';
import { AdminBootstrap } from '../server/src/auth/bootstrap.ts';
import { hashPassword } from '../server/src/auth/secrets.ts';
import { configFromProcessEnv } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';

/**
 * `npm run create-admin -- --email <address> --name <name>`: creates an administrator account in
 * the database the environment selects (as the server would: DATABASE_URL or DATA_DIR). The
 * password is read from standard input: typed at a hidden prompt on a terminal, or piped
 * (`printf '%s\n' "$PASSWORD" | npm run create-admin -- …`). `--promote` makes an existing
 * account an administrator instead (no password asked). Either closes the first-run setup.
 */
const usage = 'usage: npm run create-admin -- --email <address> --name <name>  (password from stdin)\n       npm run create-admin -- --email <address> --promote';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The password: a hidden prompt on a terminal, otherwise the first line of the piped input. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let prompting = true;
    // Echo the prompt, not the characters typed.
    output._writeToOutput = (text) => process.stdout.write(prompting ? text : '');
    const answer = await new Promise<string>((resolve) => {
      rl.question('Password (10-200 characters): ', resolve);
      prompting = false;
    });
    rl.close();
    process.stdout.write('\n');
    return answer;
  }
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.split(/\r?\n/)[0] ?? '';
}

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, promote: { type: 'boolean', default: false } }, strict: true });
const email = emailSchema.safeParse(values.email ?? '');
if (!email.success) fail(`--email: not an e-mail address\n${usage}`);

const config = configFromProcessEnv();
const database = await openDatabase(config);
const bootstrap = new AdminBootstrap(database.db, config);
try {
  if (values.promote) {
    const result = await bootstrap.createAdmin({ email: email.data, promote: true });
    if (result === 'unknown') fail(`no account has the e-mail ${email.data}`);
    console.log(`${email.data} is now an administrator`);
  } else {
    const name = displayNameSchema.safeParse(values.name ?? '');
    if (!name.success) fail(`--name: 1 to 80 characters\n${usage}`);
    const password = passwordSchema.safeParse(await readPassword());
    if (!password.success) fail('the password must be 10 to 200 characters');
    const result = await bootstrap.createAdmin({ email: email.data, name: name.data, passwordHash: await hashPassword(password.data) });
    if (result === 'exists') fail(`an account with the e-mail ${email.data} exists; add --promote to make it an administrator`);
    console.log(`administrator ${email.data} created`);
  }
} finally {
  await database.close();
}
