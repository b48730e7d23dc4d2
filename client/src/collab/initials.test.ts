import { describe, expect, it } from 'vitest';
import { initialsAmong, initialsOf } from './initials.ts';

describe('initials on caret labels and presence chips', () => {
  it('are the first letters of the first and last word, the family name of a Chinese name', () => {
    expect(initialsOf('Chen Wei')).toBe('CW');
    expect(initialsOf('Police General Watcharapol Prasarnrajkit')).toBe('PP');
    expect(initialsOf('anna')).toBe('AN');
    expect(initialsOf('陳主任')).toBe('陳');
    expect(initialsOf('  ')).toBe('?');
    expect(initialsOf('Jean-Luc Picard')).toBe('JP');
  });

  it('grow just enough to tell apart two people present who share them', () => {
    const room = ['陳大明', '陳小華', '林美玲', 'Chen Wei', 'Chen Wang', 'Anna', 'Andrew'];
    const labels = room.map((name) => initialsAmong(name, room));
    expect(labels).toEqual(['陳大', '陳小', '林', 'CWe', 'CWa', 'ANN', 'AND']);
    expect(new Set(labels).size).toBe(room.length);
    // Alone with their initials, people keep the short form.
    expect(initialsAmong('陳大明', ['陳大明', '林美玲'])).toBe('陳');
    // Sharing two characters: the third one decides; no label is longer than three.
    expect(initialsAmong('陳大明', ['陳大明', '陳大華'])).toBe('陳大明');
    expect(initialsAmong('Chen Weiming', ['Chen Weiming', 'Chen Weiling']).length).toBe(3);
    // The same name twice (two tabs, or namesakes): same label, colour and list tell them apart.
    expect(initialsAmong('陳主任', ['陳主任', '陳主任'])).toBe('陳');
  });
});
