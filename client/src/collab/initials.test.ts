import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials.ts';

describe('initials on caret labels and presence chips', () => {
  it('are the first letters of the first and last word, the family name of a Chinese name', () => {
    expect(initialsOf('Chen Wei')).toBe('CW');
    expect(initialsOf('Police General Watcharapol Prasarnrajkit')).toBe('PP');
    expect(initialsOf('anna')).toBe('AN');
    expect(initialsOf('陳主任')).toBe('陳');
    expect(initialsOf('  ')).toBe('?');
    expect(initialsOf('Jean-Luc Picard')).toBe('JP');
  });
});
