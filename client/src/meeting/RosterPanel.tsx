import { useMemo, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { SlotData } from '../../../shared/src/model/agendaDoc.ts';
import { ATTENDANCE, removeRosterEntry, ROSTER_ROLES, rosterLabel, setRosterAccounts, upsertRosterEntry, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { addProposedEntries, proposeRoster, type ProposedEntry } from '../../../shared/src/roster/rosterFromAgenda.ts';
import { useT } from '../i18n/i18n.tsx';
import './roster.css';

/** A meeting member who may be linked to a delegation (confirms for it). */
export interface RosterAccount {
  userId: string;
  name: string;
}

/**
 * Delegations and people with names per language, role and attendance; the chair edits, all see.
 * The chair can build it from the speakers of the imported agenda, and links accounts to
 * delegations: only those accounts (and the chair, as the chair) confirm for a delegation.
 */
export function RosterPanel({ doc, roster, languages, editable, slots, accounts }: { doc: Y.Doc; roster: RosterEntry[]; languages: string[]; editable: boolean; slots: readonly SlotData[]; accounts: readonly RosterAccount[] }) {
  const { t, languageName } = useT();
  const [kind, setKind] = useState<RosterEntry['kind']>('delegation');
  const [names, setNames] = useState<Record<string, string>>({});
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!Object.values(names).some((n) => n.trim())) return;
    upsertRosterEntry(doc, { kind, name: names, role: kind === 'delegation' ? 'delegate' : 'speaker', attendance: 'present', delegationId: null });
    setNames({});
  };
  const label = (r: RosterEntry) => rosterLabel(r, languages);
  const proposal = useMemo(() => (editable ? proposeRoster(slots, roster, languages) : []), [editable, slots, roster, languages]);
  return (
    <section className="panel roster" aria-labelledby="roster-title" data-testid="roster-panel">
      <h2 id="roster-title">{t('roster.title')}</h2>
      {proposal.length > 0 && <RosterProposal proposal={proposal} roster={roster} languages={languages} onAdd={() => addProposedEntries(doc, proposal)} />}
      {roster.length === 0 && <p className="muted">{t('roster.empty')}</p>}
      <ul className="member-list">
        {roster.map((r) => (
          <li key={r.id} data-testid={`roster-entry-${r.id}`}>
            <span className="member-name">{label(r)}</span>
            <span className="muted">{t(`roster.kind.${r.kind}`)}</span>
            {editable ? (
              <>
                <select aria-label={t('roster.role', { name: label(r) })} value={r.role} onChange={(e) => upsertRosterEntry(doc, { ...r, role: e.target.value as RosterEntry['role'] })}>
                  {ROSTER_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roster.role.${role}`)}
                    </option>
                  ))}
                </select>
                <select aria-label={t('roster.attendance', { name: label(r) })} value={r.attendance} onChange={(e) => upsertRosterEntry(doc, { ...r, attendance: e.target.value as RosterEntry['attendance'] })}>
                  {ATTENDANCE.map((a) => (
                    <option key={a} value={a}>
                      {t(`roster.attendance.${a}`)}
                    </option>
                  ))}
                </select>
                <button type="button" onClick={() => removeRosterEntry(doc, r.id)}>
                  {t('agenda.remove')}
                </button>
              </>
            ) : (
              <span>{t(`roster.attendance.${r.attendance}`)}</span>
            )}
            {r.kind === 'delegation' && <DelegationAccounts entry={r} label={label(r)} accounts={accounts} editable={editable} onChange={(ids) => setRosterAccounts(doc, r.id, ids)} />}
          </li>
        ))}
      </ul>
      {editable && (
        <form className="row" onSubmit={add}>
          <select aria-label={t('agenda.kind')} value={kind} onChange={(e) => setKind(e.target.value as RosterEntry['kind'])}>
            <option value="delegation">{t('roster.kind.delegation')}</option>
            <option value="person">{t('roster.kind.person')}</option>
          </select>
          {languages.map((lang) => (
            <input key={lang} lang={lang} aria-label={t('roster.nameIn', { lang: languageName(lang) })} placeholder={t('roster.nameIn', { lang: languageName(lang) })} value={names[lang] ?? ''} onChange={(e) => setNames({ ...names, [lang]: e.target.value })} data-testid={`roster-name-${lang}`} />
          ))}
          <button type="submit" data-testid="roster-add">
            {t('roster.add')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The offer to add the agenda's speakers: what would be added, then one button. */
function RosterProposal({ proposal, roster, languages, onAdd }: { proposal: ProposedEntry[]; roster: RosterEntry[]; languages: string[]; onAdd: () => void }) {
  const { t } = useT();
  const delegations = proposal.filter((e) => e.kind === 'delegation');
  const people = proposal.filter((e) => e.kind === 'person');
  const nameOf = (name: Record<string, string>) => [...new Set(languages.map((l) => name[l]).filter(Boolean))].join(' / ');
  const delegationName = (id: string | null) => {
    if (!id) return null;
    const entry = delegations.find((d) => d.id === id) ?? roster.find((r) => r.id === id);
    return entry ? nameOf(entry.name) : null;
  };
  return (
    <div className="roster-proposal" role="region" aria-labelledby="roster-proposal-title" data-testid="roster-proposal">
      <h3 id="roster-proposal-title">{t('roster.fromAgenda.title')}</h3>
      <p>{t('roster.fromAgenda.offer', { delegations: delegations.length, people: people.length })}</p>
      <ul>
        {delegations.map((d) => (
          <li key={d.id}>{nameOf(d.name)}</li>
        ))}
        {people.map((p) => {
          const delegation = delegationName(p.delegationId);
          return (
            <li key={p.id}>
              {nameOf(p.name)}
              {delegation && <span className="muted"> ({t('roster.fromAgenda.delegationOf', { name: delegation })})</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" className="primary" onClick={onAdd} data-testid="roster-from-agenda">
        {t('roster.fromAgenda.add')}
      </button>
    </div>
  );
}

/** The accounts linked to a delegation: the chair links and unlinks them; everyone sees them. */
function DelegationAccounts({ entry, label, accounts, editable, onChange }: { entry: RosterEntry; label: string; accounts: readonly RosterAccount[]; editable: boolean; onChange: (ids: string[]) => void }) {
  const { t } = useT();
  const linked = entry.accounts ?? [];
  const nameOf = (id: string) => accounts.find((a) => a.userId === id)?.name ?? id;
  const unlinked = accounts.filter((a) => !linked.includes(a.userId));
  return (
    <div className="roster-accounts" role="group" aria-label={t('roster.accounts', { name: label })} data-testid={`roster-accounts-${entry.id}`}>
      {linked.length === 0 && <span className="muted">{t('roster.noAccounts')}</span>}
      {linked.map((id) => (
        <span key={id} className="roster-account">
          {nameOf(id)}
          {editable && (
            <button type="button" aria-label={t('roster.unlinkAccount', { name: nameOf(id) })} onClick={() => onChange(linked.filter((x) => x !== id))}>
              ×
            </button>
          )}
        </span>
      ))}
      {editable && unlinked.length > 0 && (
        <select aria-label={t('roster.accounts', { name: label })} value="" onChange={(e) => e.target.value && onChange([...linked, e.target.value])} data-testid={`roster-link-${entry.id}`}>
          <option value="">{t('roster.linkAccount')}</option>
          {unlinked.map((a) => (
            <option key={a.userId} value={a.userId}>
              {a.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
