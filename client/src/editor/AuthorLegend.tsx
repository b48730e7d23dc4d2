import { initialsAmong } from '../collab/initials.ts';
import { useT } from '../i18n/i18n.tsx';

export interface LegendEntry {
  userId: string;
  name: string;
  color: string;
}

/** Who each colour is while the minutes are coloured by author (colour, initials and name). */
export function AuthorLegend({ entries }: { entries: LegendEntry[] }) {
  const { t } = useT();
  const names = entries.map((e) => e.name);
  return (
    <div className="author-legend" data-testid="author-legend">
      <span className="muted small">{t('authors.legend')}</span>
      <ul aria-label={t('authors.legend')}>
        {entries.map((e) => (
          <li key={e.userId} data-color={e.color}>
            <span className="presence-initials" style={{ background: e.color }} aria-hidden="true">
              {initialsAmong(e.name, names)}
            </span>
            <span className="author-legend-swatch" style={{ background: `${e.color}22`, boxShadow: `inset 0 -2px 0 ${e.color}` }}>
              {e.name}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
