import { afterAll, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from './services.ts';

type Answer = { status: number; body: any };

/**
 * Sends `count` copies of one finalise request at once and expects what "the database decides"
 * means for meetings and reports alike: exactly one answers 200, every other 409
 * `already_finalised`. Returns the winner's answer.
 */
export async function raceForOneWinner(count: number, send: () => Promise<Answer>): Promise<Answer> {
  const answers = await Promise.all(Array.from({ length: count }, send));
  const won = answers.filter((a) => a.status === 200);
  expect(won, JSON.stringify(answers.map((a) => [a.status, a.body?.code]))).toHaveLength(1);
  expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: count - 1 }, () => [409, 'already_finalised']));
  return won[0]!;
}

/**
 * Declares the same test on SQLite and on a fresh PostgreSQL schema (skipped when `postgres` is
 * false, as `servicesAvailable('postgres')` answered), since the claim is one conditional UPDATE
 * whose atomicity each database provides on its own. `run` gets the server environment to use.
 */
export function itOnSqliteAndPostgres(postgres: boolean, title: string, run: (env: Record<string, string>) => Promise<void>, timeout: number): void {
  let schema: TestSchema | undefined;
  afterAll(async () => {
    await schema?.drop();
  });
  it(`on SQLite: ${title}`, () => run({}), timeout);
  it.skipIf(!postgres)(`on PostgreSQL: ${title}`, async () => {
    schema = await createTestSchema();
    await run(schema.env);
  }, timeout);
}
