/**
 * Letter fields from an officer's free-text case notes, with a model and structured output. Only what the notes
 * state is taken; the drafter's own validation still decides whether a letter can be written.
 */
import { z } from 'zod';
import type { ChatModel } from './model.ts';
import type { PromptLibrary } from './prompts.ts';
import { completeStructured } from './structured.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ExtractedFields = z.object({
  caseNo: z.string().optional(),
  petitionerName: z.string().optional(),
  receivedDate: IsoDate.optional(),
  acceptedDate: IsoDate.optional(),
  issueDate: IsoDate.optional(),
  request: z.string().optional(),
  petitionerFacts: z.string().optional(),
  investigatedFacts: z.string().optional(),
  decision: z.enum(['supported', 'explained', 'not_supported']).optional(),
  decisionReason: z.string().optional(),
  handlingBody: z.string().optional(),
  superiorBody: z.string().optional(),
});
export type ExtractedFields = z.infer<typeof ExtractedFields>;

export async function extractDraftFields(
  model: ChatModel,
  prompts: PromptLibrary,
  notes: string,
): Promise<Record<string, unknown>> {
  const { text } = await prompts.render('draft-fields', { notes });
  const f = await completeStructured(
    model,
    [{ role: 'user', content: text }],
    ExtractedFields,
    'draft_fields',
  );
  const { petitionerName, ...rest } = f;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined && v !== ''),
  );
  if (petitionerName) out.petitioner = { name: petitionerName };
  return out;
}
