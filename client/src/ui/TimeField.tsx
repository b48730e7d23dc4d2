import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { parseTimeOfDay } from './timeOfDay.ts';

/**
 * A 24-hour time input (`HH:MM`), the meeting's convention. `<input type="time">` follows the
 * browser's locale and shows "10:00 AM" in an English browser whatever the page says, so this is a
 * text field that accepts "9:30", "0930"… and stores the canonical value when it is a time.
 */
export function TimeField({
  value,
  onChange,
  label,
  testId,
  invalid = false,
  describedBy,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId?: string;
  /** The stored time is a time but wrong in context (an end before the start): say so, keep it. */
  invalid?: boolean;
  /** The id of the text that says what is wrong. */
  describedBy?: string;
}) {
  const { t } = useT();
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  // Someone else changed the time: show it, unless this person is typing in the field.
  useEffect(() => {
    if (!focused) setText(value);
  }, [value, focused]);
  const parsed = parseTimeOfDay(text);
  const commit = () => {
    if (parsed && parsed !== value) onChange(parsed);
    setText(parsed ?? value);
  };
  return (
    <input
      className="time-field"
      type="text"
      inputMode="numeric"
      autoComplete="off"
      size={5}
      maxLength={12}
      aria-label={label}
      aria-invalid={invalid || (text !== '' && parsed === null)}
      aria-describedby={describedBy}
      title={t('time.format')}
      placeholder={t('time.placeholder')}
      data-testid={testId}
      value={text}
      onFocus={() => setFocused(true)}
      onChange={(e) => {
        setText(e.target.value);
        // A complete HH:MM is stored at once; a partial one waits for the field to be left.
        if (/^\d{2}:\d{2}$/.test(e.target.value) && parseTimeOfDay(e.target.value) && e.target.value !== value) onChange(e.target.value);
      }}
      onBlur={() => {
        setFocused(false);
        commit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(value);
      }}
    />
  );
}
