import { useId, useState } from 'react';
import { apiPostRaw } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';

const TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
};

/** Imports an existing draft (DOCX, Markdown, HTML) into the minutes of one slot and language. */
export function DraftImportButton({ meetingId, slotId, lang }: { meetingId: string; slotId: string; lang: string }) {
  const { t, errorMessage } = useT();
  const id = useId();
  const [status, setStatus] = useState('');
  const onFile = async (file: File) => {
    const type = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
    if (!type) return setStatus(t('draft.unsupported'));
    setStatus(t('common.loading'));
    try {
      const result = await apiPostRaw<{ importedBlocks: number }>(`/meetings/${meetingId}/minutes/${slotId}/${lang}/import`, file, type);
      setStatus(t('draft.imported', { n: result.importedBlocks }));
    } catch (error) {
      setStatus(errorMessage(error));
    }
  };
  return (
    <span className="draft-import">
      <label htmlFor={id} className="link small">
        {t('draft.import')}
      </label>
      <input
        id={id}
        type="file"
        accept=".docx,.md,.markdown,.html,.htm"
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void onFile(file);
          e.target.value = '';
        }}
        data-testid={`draft-import-${slotId}-${lang}`}
      />
      {status && (
        <span className="muted small" role="status">
          {' '}
          {status}
        </span>
      )}
    </span>
  );
}
