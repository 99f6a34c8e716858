/**
 * Writes tests/fixtures/shaping/harfbuzz.json: the glyphs HarfBuzz (hb-shape, Debian's libharfbuzz-bin) gives
 * for sample words in each script font the app lays out with fontkit, with each glyph's advance and the offsets
 * it gives glyphs (in font units, from where the glyph before leaves the pen; where any is not 0). HarfBuzz is the shaper of browsers and
 * word processors; tests/unit/electron/services/pdf/fontkitShaping.test.ts checks that the app's fontkit,
 * with its corrections (electron/services/pdf/fontkitShaping.ts), draws the same glyphs. Run it after
 * changing a font in resources/fonts/ or the words below:
 *
 *   apt-get install -y libharfbuzz-bin && node scripts/shaping-reference.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A parent's sentence about their child's help at school, and words that once went wrong, in each script. */
export const SAMPLES = {
  'NotoSansSinhala-Regular.ttf': [
    'මගේ පුතාට පාසලේ අමතර සහාය අවශ්‍යයි',
    'මම ඔබට ලියන්නේ',
    'කේ',
    'කෝපි',
    'කෝ',
    'ගෙදර',
    'කොළඹ',
    'ශ්‍රී ලංකාව',
    'කෛ කෞ',
  ],
  'NotoSansBengali-Regular.ttf': ['আমার ছেলের শিক্ষার জন্য অতিরিক্ত সাহায্য প্রয়োজন', 'কোন কৌশল ক্ষত্রিয়'],
  'NotoSansDevanagari-Regular.ttf': ['मेरे बेटे को स्कूल में अतिरिक्त सहायता की आवश्यकता है', 'नमस्ते धर्म'],
  'NotoSansGujarati-Regular.ttf': ['મારા પુત્રને શાળામાં વધારાની મદદની જરૂર છે'],
  'NotoSansGurmukhi-Regular.ttf': ['ਮੇਰੇ ਪੁੱਤਰ ਨੂੰ ਸਕੂਲ ਵਿੱਚ ਵਾਧੂ ਮਦਦ ਦੀ ਲੋੜ ਹੈ'],
  'NotoSansTamil-Regular.ttf': ['என் மகனுக்கு பள்ளியில் கூடுதல் உதவி தேவை', 'கொடு கோயில் கௌரவம்'],
  'NotoSansMalayalam-Regular.ttf': ['എന്റെ മകന് സ്കൂളിൽ കൂടുതൽ സഹായം ആവശ്യമാണ്', 'കൊടുക്കുക കോട്ട'],
  'NotoSansTelugu-Regular.ttf': ['నా కొడుకుకు పాఠశాలలో అదనపు సహాయం అవసరం'],
  'NotoSansKannada-Regular.ttf': ['ನನ್ನ ಮಗನಿಗೆ ಶಾಲೆಯಲ್ಲಿ ಹೆಚ್ಚುವರಿ ಸಹಾಯ ಬೇಕು', 'ಕರ್ನಾಟಕ ಶ್ರೀ ಕ್ಷಮಿಸಿ ಕೊಡು ಕೋಣೆ ಕೈ ಕೌಶಲ'],
  'NotoSansOriya-Regular.ttf': ['ମୋ ପୁଅକୁ ସ୍କୁଲରେ ଅତିରିକ୍ତ ସାହାଯ୍ୟ ଦରକାର', 'ଓଡ଼ିଆ କୋଠା କୌଶଳ କ୍ଷମା ଧର୍ମ'],
  'NotoSansThai-Regular.ttf': ['ลูกชายของดิฉันต้องการความช่วยเหลือเพิ่มเติมที่โรงเรียน', 'น้ำ คำขอ กำลัง'],
  'NotoSansEthiopic-Regular.ttf': ['ልጄ በትምህርት ቤት ተጨማሪ ድጋፍ ያስፈልገዋል'],
  'NotoSansArabic-Regular.ttf': ['میرے بیٹے کو اسکول میں اضافی مدد کی ضرورت ہے', 'ابني يحتاج إلى دعم إضافي'],
};

/** Each sample split into words: the app sets the spaces between them in DejaVu Sans. */
export function sampleWords() {
  const words = [];
  for (const [font, samples] of Object.entries(SAMPLES))
    for (const sample of samples) for (const text of sample.split(' ')) words.push({ font, text });
  return words;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(join(tmpdir(), 'shaping-'));
  try {
    const reference = sampleWords().map(({ font, text }) => {
      const file = join(dir, 'text.txt');
      writeFileSync(file, text);
      const out = execFileSync(
        'hb-shape',
        ['--no-clusters', `--text-file=${file}`, join(ROOT, 'resources', 'fonts', font)],
        { encoding: 'utf8' },
      );
      // Each glyph as "name@x,y+advance" (the offset only where there is one).
      const shaped = out
        .trim()
        .slice(1, -1)
        .split('|')
        .map((glyph) => /^(.*?)(?:@(-?\d+),(-?\d+))?\+(-?\d+)$/.exec(glyph));
      const glyphs = shaped.map((match) => match[1]);
      const offsets = shaped.map((match) => [Number(match[2] ?? 0), Number(match[3] ?? 0)]);
      const advances = shaped.map((match) => Number(match[4]));
      return { font, text, glyphs, advances, ...(offsets.some(([x, y]) => x || y) ? { offsets } : {}) };
    });
    const version = execFileSync('hb-shape', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const target = join(ROOT, 'tests', 'fixtures', 'shaping', 'harfbuzz.json');
    writeFileSync(target, JSON.stringify({ shaper: version, words: reference }, null, 2) + '\n');
    console.log(`Wrote ${reference.length} words to ${target} (${version}).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
