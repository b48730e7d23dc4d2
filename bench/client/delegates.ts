import { ApiClient, signup } from '../../tests/helpers/api.ts';

/**
 * The remote writers' accounts: one delegate per writer, each with its own name and personal
 * access token (stock clients send it as `?token=`), so that every writer is a different person
 * on the page, with a caret of its own, as in a real session. Accounts are made once per run (an
 * address may sign up once the chair has invited it) and added to each scenario's meeting.
 */
export interface Delegate {
  id: string;
  name: string;
  token: string;
}

export class DelegatePool {
  private readonly accounts: Array<{ email: string; delegate: Delegate | null }>;

  constructor(private readonly baseUrl: string, private readonly chair: ApiClient, count: number) {
    this.accounts = Array.from({ length: count }, (_, i) => ({ email: `bench-delegate-${i + 1}@example.org`, delegate: null }));
  }

  /** Makes every account a delegate of the meeting (signing it up the first time); returns them. */
  async joinMeeting(meetingId: string): Promise<Delegate[]> {
    const delegates: Delegate[] = [];
    for (const [i, account] of this.accounts.entries()) {
      const added = await this.chair.post(`/api/meetings/${meetingId}/members`, { email: account.email, role: 'delegate' });
      if (added.status !== 202) throw new Error(`add ${account.email} to the meeting: HTTP ${added.status}`);
      account.delegate ??= await this.create(account.email, `Delegate ${i + 1}`);
      // The place is taken when the account lists its meetings (docs/api.md, members).
      const listed = await new ApiClient(this.baseUrl, account.delegate.token).get('/api/meetings');
      if (listed.status !== 200) throw new Error(`${account.email} lists its meetings: HTTP ${listed.status}`);
      delegates.push(account.delegate);
    }
    return delegates;
  }

  private async create(email: string, name: string): Promise<Delegate> {
    const api = await signup(this.baseUrl, email, name);
    const me = (await api.get('/api/me')).body.user as { id: string; name: string };
    const created = await api.post('/api/tokens', { name: 'bench writer' });
    if (created.status !== 201) throw new Error(`token for ${email}: HTTP ${created.status}`);
    return { id: me.id, name: me.name, token: created.body.token as string };
  }
}
