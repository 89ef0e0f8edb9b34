/** Block Kit input blocks shared by the modals (draft letter, register a matter, record an event). */
import type { KnownBlock } from '@slack/types';

/** A plain-text input whose value is read back as `values[id].v`. */
export function textInput(
  id: string,
  label: string,
  options: { multiline?: boolean; optional?: boolean; initial?: string; placeholder?: string } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: id,
    optional: options.optional ?? false,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'plain_text_input',
      action_id: 'v',
      multiline: options.multiline ?? false,
      ...(options.initial ? { initial_value: options.initial } : {}),
      ...(options.placeholder ? { placeholder: { type: 'plain_text', text: options.placeholder } } : {}),
    },
  };
}
