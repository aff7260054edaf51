import type { Page } from '@playwright/test';
import type { PressTiming } from './probes';
import { probe } from './page';

export interface Press {
  slider: 'lambda-slider' | 'budget-slider';
  key: 'ArrowLeft' | 'ArrowRight';
}

/**
 * Half the presses on λ (left from R2's default, then back), half on the token cap (down
 * from "no cap"): every press moves its slider, none hits an end, the same every run.
 */
export function pressPlan(count: number): Press[] {
  const lambda = Math.ceil(count / 2);
  const cap = count - lambda;
  const half = Math.floor(lambda / 2);
  return [
    ...Array.from({ length: lambda }, (_, i): Press => ({
      slider: 'lambda-slider',
      key: i < half ? 'ArrowLeft' : 'ArrowRight',
    })),
    ...Array.from({ length: cap }, (): Press => ({ slider: 'budget-slider', key: 'ArrowLeft' })),
  ];
}

export interface PressSample extends PressTiming {
  slider: Press['slider'];
}

/** Presses one key at a time; the cap line always moves, so cap presses wait for the chart too. */
export async function pressAndTime(page: Page, plan: readonly Press[], timeoutMs = 2_000): Promise<PressSample[]> {
  const samples: PressSample[] = [];
  let focused: string | null = null;
  for (const p of plan) {
    if (focused !== p.slider) {
      await page.getByTestId(p.slider).focus();
      focused = p.slider;
    }
    await probe(page, 'window.__bench.armPress()');
    await page.keyboard.press(p.key);
    const t = await probe<PressTiming>(
      page,
      `window.__bench.pressResult(${timeoutMs}, ${p.slider === 'budget-slider'})`,
    );
    samples.push({ ...t, slider: p.slider });
  }
  return samples;
}
