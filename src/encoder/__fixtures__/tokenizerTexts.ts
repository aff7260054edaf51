import { seeded } from '../../router/testing/randomPools';

/**
 * Varied texts for checking a tokenizer against a reference, generated from a seed so a
 * failing text can be found again: each kind is what queries to a router hold or what trips
 * byte-level BPE (its pre-tokenizer's regex, NFC, added tokens, long inputs).
 */

export const TEXT_KINDS = [
  'math',
  'multiple choice',
  'code',
  'CJK',
  'Arabic and Hebrew',
  'emoji',
  'combining marks',
  'NFKC would change',
  'whitespace runs',
  'control characters',
  'special-token text',
  'mixed',
] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

type Rand = () => number;

const WORDS =
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
    ' ',
  );
const CJK = [
  '请解释量子纠缠的基本原理，并给出一个例子。',
  '東京の天気は明日どうなりますか？傘は必要でしょうか。',
  '한국어로 간단한 자기소개를 써 주세요.',
  '机器学习模型的过拟合问题如何解决？',
  'ひらがなとカタカナと漢字を混ぜた文です。',
  '「路由器」选择了哪个模型？答案：Ｑｗｅｎ３。',
  '𠮷野家の牛丼は美味しい𩸽。',
  '三角形ABC中，∠A=60°，求sin B + sin C的最大值。',
];
const ARABIC_HEBREW = [
  'ما هي عاصمة أستراليا؟',
  'اكتب دالة بلغة بايثون لحساب العدد الأولي رقم ١٢٣.',
  'مَرْحَبًا بِكُمْ فِي الْعَالَمِ',
  'מה ההבדל בין למידה מונחית ללמידה לא מונחית?',
  'שָׁלוֹם עוֹלָם, 2024 היא שנה מעוברת?',
  'العدد ٣٫١٤ تقريب لـ π و \u200Fשלום\u200E mixed',
];
const EMOJI = ['👨‍👩‍👧‍👦', '👩🏽‍💻', '🏳️‍🌈', '🇯🇵🇫🇷🇺🇸', '1️⃣2️⃣#️⃣', '❤️‍🔥', '🧑🏿‍🤝‍🧑🏻', '👍🏼', '🫠🫶🏾', '😀', '☺︎☺️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];
const COMBINING = [
  'e\u0301',
  'a\u0308',
  'n\u0303',
  'A\u030A',
  'o\u0328\u0304',
  'Z\u0351\u0358\u0347\u035A',
  'ệ',
  'Việt Nam',
  'हिन्दी',
  'ภาษาไทย',
  'ç̧',
  'q\u0307\u0323',
];
/** Each is changed by NFKC but (all but the last three) not by NFC, which Qwen3's normalizer applies. */
const NFKC = [
  'ﬁ',
  'ﬂ',
  'Ａ',
  'ｚ',
  '１２３',
  '²',
  '₃',
  '½',
  '①',
  'Ⅻ',
  '㎏',
  '㍿',
  'ｶﾀｶﾅ',
  'ℌ',
  'µ',
  'ſ',
  '…',
  '™',
  '\u00A0',
  '\u3000',
  'Å',
  'Ω',
  'K',
];
const CONTROLS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\u000B',
  '\f',
  '\r',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0085',
  '\u00AD',
  '\u061C',
  '\u180E',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u2028',
  '\u2029',
  '\u2060',
  '\uFEFF',
  '\uFFFD',
  '\uFFFF',
  // Lone surrogates: a JavaScript string may hold them (pasted text can); both sides see U+FFFD.
  '\uD800',
  '\uDFFF',
];
const SPECIALS = [
  '<|endoftext|>',
  '<|im_start|>',
  '<|im_end|>',
  '<think>',
  '</think>',
  '<tool_call>',
  '<|fim_prefix|>',
  '<|im_start',
  '<|endoftext|',
];
const SPACES = [
  ' ',
  '  ',
  '   ',
  '        ',
  '\n',
  '\n\n',
  '\n\n\n\n',
  '\r\n',
  ' \n',
  '\t',
  '\t\t',
  ' \t ',
  '\n  \n',
  '\u00A0\u00A0',
];

function pick<T>(rand: Rand, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

function int(rand: Rand, from: number, to: number): number {
  return from + Math.floor(rand() * (to - from + 1));
}

function words(rand: Rand, n: number): string {
  return Array.from({ length: n }, () => pick(rand, WORDS)).join(' ');
}

function sentence(rand: Rand): string {
  const s = words(rand, int(rand, 3, 14));
  return `${s[0]!.toUpperCase()}${s.slice(1)}${pick(rand, ['.', '?', '!', ':', ';', '...', ''])}`;
}

function math(rand: Rand): string {
  const n = () => String(int(rand, 0, 10 ** int(rand, 1, 7)));
  return pick(rand, [
    () => `Solve for x: ${n()}x + ${n()} = ${n()}.`,
    () => `Compute $\\int_0^{${n()}} x^{${int(rand, 2, 9)}} \\sin(x)\\,dx$ and simplify.`,
    () => `If f(x) = ${n()}x^2 − ${n()}x + ${n()}, what is f′(${n()})?`,
    () => `Prove that √${int(rand, 2, 99)} is irrational. Hint: assume p/q with gcd(p, q) = 1.`,
    () => `${n()}.${n()} × 10^${int(rand, -9, 9)} ≈ ${n()}e${int(rand, -20, 20)}; ∑_{k=1}^{n} k² = n(n+1)(2n+1)/6`,
    () => `Let A = [[${n()}, ${n()}], [${n()}, ${n()}]]. Find det(A) and A⁻¹ (if it exists).`,
    () => `$$\\frac{\\partial^2 u}{\\partial t^2} = c^2 \\nabla^2 u,\\quad u(0,x)=${n()}$$`,
    () => `What is ${n()} mod ${int(rand, 2, 97)}? Show 3 steps: 1) … 2) … 3) …`,
    () => `x₁, x₂ ∈ ℝ, x₁ ≤ x₂ ⇒ f(x₁) ≥ f(x₂)? ∀ε>0 ∃δ>0: |x−a|<δ → |f(x)−L|<ε. ${n()}%`,
  ])();
}

function multipleChoice(rand: Rand): string {
  const letters = 'ABCDEFGHIJ'.slice(0, int(rand, 2, 10));
  const style = pick(rand, [
    (l: string) => `${l}) `,
    (l: string) => `(${l}) `,
    (l: string) => `${l}. `,
    (l: string) => `${l}: `,
  ]);
  const options = [...letters].map(
    (l) => `${style(l)}${rand() < 0.3 ? String(int(rand, 0, 9999)) : words(rand, int(rand, 1, 6))}`,
  );
  const sep = pick(rand, ['\n', '\n\n', ' ', '\r\n', '\n  ']);
  return `Question: ${sentence(rand)}${sep}${options.join(sep)}${sep}Answer: ${pick(rand, [...letters])}`;
}

function code(rand: Rand): string {
  const indent = pick(rand, ['    ', '\t', '  ', '\t  ', '        ']);
  const name = `${pick(rand, WORDS)}_${pick(rand, WORDS)}`;
  return pick(rand, [
    () =>
      `def ${name}(xs):\n${indent}"""${sentence(rand)}"""\n${indent}out = []\n${indent}for x in xs:\n${indent}${indent}if x % ${int(rand, 2, 9)} == 0:\n${indent}${indent}${indent}out.append(x ** 2)\n${indent}return out\n`,
    () =>
      `function ${name}(a, b) {\n${indent}// ${sentence(rand)}\n${indent}return a.map((x, i) => x + b[i] ?? 0);\n}\n\nconsole.log(${name}([1,2,3], [4,5]));`,
    () =>
      `#include <stdio.h>\nint main(void) {\n\tint arr[${int(rand, 1, 64)}] = {0};\n\tfor (int i = 0; i < ${int(rand, 1, 64)}; ++i)\n\t\tprintf("%d\\n", arr[i]);\n\treturn 0;\n}`,
    () => `SELECT ${name}, COUNT(*) AS n\nFROM t\t\tWHERE x >= ${int(rand, 0, 100)}\n  GROUP BY 1\n  ORDER BY n DESC;`,
    () => `\`\`\`bash\nfor f in *.txt; do\n${indent}wc -l "$f" | awk '{print $1}'   \ndone\n\`\`\``,
    () =>
      `class ${name[0]!.toUpperCase()}${name.slice(1)}:\n${indent}def __init__(self):\n${indent}${indent}self.x = {'a': [1, 2], "b": (3,)}\n\n\n${indent}# TODO: ${sentence(rand)}\t\n`,
    () => `<div class="x">\n\t<p>${sentence(rand)}</p>\n</div>\n<!-- ${words(rand, 3)} -->`,
  ])();
}

function emoji(rand: Rand): string {
  return Array.from({ length: int(rand, 1, 6) }, () =>
    rand() < 0.5 ? pick(rand, EMOJI) : `${words(rand, int(rand, 1, 4))} ${pick(rand, EMOJI)}`,
  ).join(pick(rand, ['', ' ', '\n']));
}

function withPieces(rand: Rand, pieces: readonly string[], glue: () => string): string {
  return Array.from({ length: int(rand, 1, 8) }, () => `${glue()}${pick(rand, pieces)}`).join('');
}

function randomCodePoints(rand: Rand): string {
  // Latin, Greek, Cyrillic, Armenian, Devanagari, Thai, Hangul, CJK, symbols, emoji, private use, astral CJK.
  const blocks: [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x370, 0x3ff],
    [0x400, 0x4ff],
    [0x530, 0x58f],
    [0x900, 0x97f],
    [0xe00, 0xe7f],
    [0xac00, 0xd7a3],
    [0x4e00, 0x9fff],
    [0x2000, 0x2bff],
    [0x1f300, 0x1faff],
    [0xe000, 0xe0ff],
    [0x20000, 0x2a6df],
  ];
  return Array.from({ length: int(rand, 1, 40) }, () => {
    const [from, to] = pick(rand, blocks);
    return String.fromCodePoint(int(rand, from, to));
  }).join('');
}

const GENERATORS: Record<TextKind, (rand: Rand) => string> = {
  math,
  'multiple choice': multipleChoice,
  code,
  CJK: (rand) => withPieces(rand, CJK, () => pick(rand, ['', ' ', '\n', sentence(rand)])),
  'Arabic and Hebrew': (rand) =>
    withPieces(rand, ARABIC_HEBREW, () => pick(rand, ['', ' ', '\n', `${int(rand, 0, 999)} `])),
  emoji,
  'combining marks': (rand) => withPieces(rand, COMBINING, () => pick(rand, ['', ' ', words(rand, 1)])),
  'NFKC would change': (rand) =>
    withPieces(rand, NFKC, () => pick(rand, ['', ' ', words(rand, 1), String(int(rand, 0, 99))])),
  'whitespace runs': (rand) => withPieces(rand, SPACES, () => pick(rand, ['', words(rand, int(rand, 1, 3)), '.', '-'])),
  'control characters': (rand) => withPieces(rand, CONTROLS, () => pick(rand, ['', ' ', words(rand, 1), '\n'])),
  'special-token text': (rand) => withPieces(rand, SPECIALS, () => pick(rand, ['', ' ', '\n', sentence(rand)])),
  mixed: (rand) =>
    Array.from({ length: int(rand, 2, 5) }, () =>
      rand() < 0.3 ? randomCodePoints(rand) : GENERATORS[pick(rand, TEXT_KINDS.slice(0, -1))](rand),
    ).join(pick(rand, ['', ' ', '\n', '\n\n'])),
};

/** `perKind` texts of each kind, from `seed`. */
export function varietyTexts(perKind: number, seed: number): { kind: TextKind; text: string }[] {
  const rand = seeded(seed);
  return TEXT_KINDS.flatMap((kind) => Array.from({ length: perKind }, () => ({ kind, text: GENERATORS[kind](rand) })));
}

/**
 * Texts of exactly `length` UTF-16 code units (the unit JavaScript's `length` and `slice` count)
 * made of the varied texts above, for checks at and past a character cut. A text that would end
 * in half a surrogate pair ends one unit short, with a space.
 */
export function textOfLength(length: number, seed: number): string {
  const rand = seeded(seed);
  let text = '';
  while (text.length < length) text += `${GENERATORS[pick(rand, TEXT_KINDS)](rand)}${pick(rand, ['\n', ' ', '\n\n'])}`;
  text = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(text) ? `${text.slice(0, -1)} ` : text;
}
