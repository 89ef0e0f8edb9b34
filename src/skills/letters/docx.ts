/**
 * Word output of a letter laid out after GB/T 9704 (党政机关公文格式): A4; margins 37/35/28/26 mm; title in
 * 小标宋 二号 centred; body in 仿宋_GB2312 三号 with a two-character first-line indent and fixed 28.95 pt lines;
 * issuer and date right-aligned; page number “— N —” in 宋体 四号 at the foot.
 */
import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';

const BODY_FONT = { ascii: 'FangSong_GB2312', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong_GB2312' };
const TITLE_FONT = { ascii: 'FZXiaoBiaoSong-B05S', eastAsia: '方正小标宋简体', hAnsi: 'FZXiaoBiaoSong-B05S' };
const SIZE_TITLE = 44; // 二号 22 pt, in half-points
const SIZE_BODY = 32; // 三号 16 pt
const SIZE_PAGE = 28; // 四号 14 pt
const LINE = { line: 579, lineRule: LineRuleType.EXACT }; // 28.95 pt

function bodyParagraph(
  text: string,
  options: { indent?: boolean; align?: 'left' | 'right' | 'center' } = {},
): Paragraph {
  const alignment =
    options.align === 'right'
      ? AlignmentType.RIGHT
      : options.align === 'center'
        ? AlignmentType.CENTER
        : AlignmentType.JUSTIFIED;
  return new Paragraph({
    alignment,
    spacing: LINE,
    ...(options.indent ? { indent: { firstLine: 640 } } : {}), // two characters of 三号
    children: [new TextRun({ text, font: BODY_FONT, size: SIZE_BODY })],
  });
}

/** Builds the .docx from the letter text produced by the drafter (first line issuer, second title, …). */
export async function letterToDocx(text: string): Promise<Buffer> {
  const lines = text.replace(/\s+$/, '').split('\n');
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  const titleIndex = lines.findIndex((l) => /(意见书|告知书)$/.test(l.trim()));
  const signatureStart = lines.length - [...lines].reverse().findIndex((l) => l.trim() === '');
  const children: Paragraph[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (i === titleIndex) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 },
          children: [new TextRun({ text: line, font: TITLE_FONT, size: SIZE_TITLE })],
        }),
      );
      return;
    }
    if (i < titleIndex) {
      children.push(bodyParagraph(line, { align: 'center' }));
      return;
    }
    if (i === titleIndex + 1 && /〔\d{4}〕/.test(line)) {
      children.push(bodyParagraph(line, { align: 'center' }));
      return;
    }
    if (line === '') {
      children.push(bodyParagraph(''));
      return;
    }
    if (i >= signatureStart && nonEmpty.length > 2) {
      children.push(bodyParagraph(line, { align: 'right' }));
      return;
    }
    children.push(bodyParagraph(line, { indent: raw.startsWith(' ') || raw.startsWith('\u3000') }));
  });
  const doc = new Document({
    creator: '信访法治助手',
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: '宋体', size: SIZE_PAGE }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
