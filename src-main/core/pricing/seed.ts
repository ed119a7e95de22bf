/** Every price the table starts with; users' edits are kept across upgrades (see PricingRepo.seed). */
import { ANTHROPIC_PRICES } from './seed-anthropic.js';
import { GEMINI_PRICES } from './seed-gemini.js';
import { OPENAI_PRICES } from './seed-openai.js';
import type { ModelPrice } from './types.js';

export const SEED_PRICES: ModelPrice[] = [...ANTHROPIC_PRICES, ...OPENAI_PRICES, ...GEMINI_PRICES];
