/**
 * Scripted officer dialogues for the conversation engine: each turn says what the officer types and what the
 * engine should make of it — the intent, the leading citation (`law#article`), the route of the case in focus
 * (subchannel, or channel when it has none), the letter type of a draft, words the reply must or must not hold.
 */
import type { TurnIntent } from '../../src/conversation/engine.ts';

type DialogueIntent = TurnIntent;

export interface Turn {
  say: string;
  intent: DialogueIntent;
  cite?: string;
  route?: string;
  letter?: string;
  has?: string[];
  not?: string[];
}

export interface Dialogue {
  name: string;
  turns: Turn[];
}
