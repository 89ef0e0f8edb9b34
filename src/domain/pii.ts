/** Patterns of personal data in Chinese documents, shared by the letter checker and the model-request redaction. */

/** A full 18-digit resident ID number (with a plausible birth date). */
export const ID_NUMBER =
  /(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g;

/** A full mainland mobile number, optionally with +86. */
export const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g;
