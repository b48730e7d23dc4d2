import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { ATTENDANCE, removeRosterEntry, ROSTER_ROLES, upsertRosterEntry, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { useT } from '../i18n/i18n.tsx';

/** Delegations and people with names per language, role and attendance; the chair edits, all see. */
export function RosterPanel({ doc, roster, languages, editable }: { doc: Y.Doc; roster: RosterEntry[]; languages: string[]; editable: boolean }) {
  const { t, languageName } = useT();
  const [kind, setKind] = useState<RosterEntry['kind']>('delegation');
  const [names, setNames] = useState<Record<string, string>>({});
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!Object.values(names).some((n) => n.trim())) return;
    upsertRosterEntry(doc, { kind, name: names, role: kind === 'delegation' ? 'delegate' : 'speaker', attendance: 'present', delegationId: null });
    setNames({});
  };
  const label = (r: RosterEntry) => languages.map((l) => r.name[l]).filter(Boolean).join(' / ');
  return (
    <section className="panel roster" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('roster.title')}</h2>
      {roster.length === 0 && <p className="muted">{t('roster.empty')}</p>}
      <ul className="member-list">
        {roster.map((r) => (
          <li key={r.id}>
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
