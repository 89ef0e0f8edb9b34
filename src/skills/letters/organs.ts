/**
 * Administrative hierarchy read from an organ's name (某市某区水务局, 某县某镇人民政府): its level and whether it is a
 * people's government or a working department. Used to decide who the "上一级机关" of a remedy is.
 */

interface Organ {
  name: string;
  /** Place chain, outermost first: ["某市", "某区"]. */
  places: string[];
  /** 1 province, 2 city, 3 county/district, 4 township/street; null when no place is named. */
  level: number | null;
  kind: 'government' | 'department' | 'other';
}

const PLACE =
  /([\u4e00-\u9fff]{1,8}?(?:自治区|特别行政区|省|自治州|地区|州|盟|市|区|县|旗|乡|镇|街道办事处|街道))/g;

/** Words ending like place names that are not places (城市管理局, 社区…). */
const NOT_PLACES = new Set([
  '城市',
  '城区',
  '市区',
  '郊区',
  '社区',
  '园区',
  '小区',
  '景区',
  '街区',
  '矿区',
  '林区',
  '牧区',
  '山区',
  '辖区',
  '城乡',
]);

function placeLevel(place: string): number {
  if (/(省|自治区|特别行政区)$/.test(place)) return 1;
  if (/(自治州|地区|州|盟|市)$/.test(place)) return 2;
  if (/(区|县|旗)$/.test(place)) return 3;
  return 4;
}

function parseOrgan(raw: string): Organ {
  const name = raw.trim().replace(/\s+/g, '');
  const kind: Organ['kind'] = /(人民政府|街道办事处)$/.test(name)
    ? 'government'
    : /(局|委员会|委|厅|办公室|办|中心|署|所)$/.test(name)
      ? 'department'
      : 'other';
  // Only the leading run of place names counts (不把“水务局”里的字当作地名).
  const places: string[] = [];
  let rest = name;
  for (;;) {
    PLACE.lastIndex = 0;
    const m = PLACE.exec(rest);
    if (m?.index !== 0 || /(人民政府)$/.test(m[1] ?? '')) break;
    const p = m[1] ?? '';
    // A department name such as 住房和城乡建设局 is not a place.
    if (/和|与|及|管理|建设|资源|保障|发展|改革|卫生|健康|交通|运输|执法|监督/.test(p) || NOT_PLACES.has(p))
      break;
    places.push(p);
    rest = rest.slice(p.length);
    if (rest === '' || rest.startsWith('人民政府')) break;
  }
  const last = places.at(-1);
  return { name, places, level: last ? placeLevel(last) : null, kind };
}

/** Self references that can never be the superior body. */
const SELF_REFERENCE =
  /^(本局|本机关|本单位|本府|本委|本办|我局|我委|我办|我单位|我府|本部门|本院|本所|原办理机关|原处理机关)$/;

export type SuperiorVerdict = 'ok' | 'self' | 'not_superior' | 'unknown';

/**
 * Whether `candidate` is a 上一级机关 of `issuer` (letters.md §3): for a working department, the people's government
 * of its own level or a body of a higher level; for a government, a body of a higher level; never the issuer
 * itself, an organ of the same level, or a lower one.
 */
export function judgeSuperior(issuerName: string, candidateName: string): SuperiorVerdict {
  const c = candidateName.trim();
  if (SELF_REFERENCE.test(c)) return 'self';
  const issuer = parseOrgan(issuerName);
  const cand = parseOrgan(c);
  if (issuer.name === cand.name) return 'self';
  if (issuer.level === null || cand.level === null) return 'unknown';
  // A people's government answers to the people's government above it, not to a working department.
  if (issuer.kind === 'government' && cand.kind === 'department') return 'not_superior';
  if (cand.level < issuer.level) return 'ok';
  if (cand.places.join('') === issuer.places.join('')) {
    // Same place: only the department's own people's government is its superior.
    return issuer.kind === 'department' && cand.kind === 'government' ? 'ok' : 'not_superior';
  }
  if (cand.level > issuer.level) return 'not_superior';
  // Same level, different places (e.g. a county-level 市): cannot be judged without a gazetteer.
  return 'unknown';
}

/** The superior body to name in a corrected remedy sentence, when it can be derived from the issuer's name. */
export function suggestSuperior(issuerName: string): string | null {
  const issuer = parseOrgan(issuerName);
  if (issuer.places.length === 0) return null;
  if (issuer.kind === 'department') return `${issuer.places.join('')}人民政府`;
  if (issuer.kind === 'government' && issuer.places.length >= 2)
    return `${issuer.places.slice(0, -1).join('')}人民政府`;
  return null;
}
