import { chat } from './chat';
import { code } from './code';
import { gpqa } from './gpqa';
import { gsm } from './gsm';
import { math } from './math';
import { mmlu } from './mmlu';
import { rag } from './rag';
import type { Family } from './types';

export type { Draft, Family, FamilyId, Tier } from './types';

/** Shares follow R2-Bench's mix (MMLU-Pro, OpenHermes, MATH, GPQA, RAG), rounded. */
export const FAMILIES: readonly Family[] = [mmlu, chat, math, code, gsm, rag, gpqa];
