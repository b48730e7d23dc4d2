import fs from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

/**
 * Web fonts for the HTML export, cut down to the characters the document uses.
 *
 * An exported record must read the same on any machine, including one without a Chinese font
 * (where the browser would draw boxes). Embedding the whole Noto Sans TC (7 MB per weight) in every
 * file is too heavy; a subset of the few hundred characters a record uses is tens of kilobytes.
 * HarfBuzz (subset-font) keeps the cmap that browsers need, which PDF-oriented subsetters drop.
 * TrueType rather than WOFF2: ten times faster to produce, and the file is stored compressed anyway.
 */
const require = createRequire(import.meta.url);
const FILES = {
  400: require.resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf'),
  700: require.resolve('@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf'),
} as const;

const fonts = new Map<number, Buffer>();
const fontFile = (weight: keyof typeof FILES) => {
  let data = fonts.get(weight);
  if (!data) {
    data = fs.readFileSync(FILES[weight]);
    fonts.set(weight, data);
  }
  return data;
};

/** `@font-face` rules (regular and bold) of `family` covering every character of `text`. */
export async function embeddedFontFaces(text: string, family: string): Promise<string> {
  const characters = [...new Set(Array.from(text))].filter((c) => c.codePointAt(0)! >= 0x20).join('');
  const faces = await Promise.all(
    ([400, 700] as const).map(async (weight) => {
      const subset = await subsetFont(fontFile(weight), characters, { targetFormat: 'truetype' });
      return `@font-face{font-family:"${family}";font-weight:${weight};src:url(data:font/ttf;base64,${subset.toString('base64')}) format("truetype")}`;
    }),
  );
  return faces.join('\n');
}
