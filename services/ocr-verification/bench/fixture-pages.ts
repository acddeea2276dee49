/**
 * Deterministic generator of synthetic Chinese document pages for tests and the benchmark:
 * several layouts (clauses, ruled tables, forms), three CJK fonts, a red seal over text, and
 * camera-like photos (rotation, shear, desk background, uneven light, blur, noise, JPEG).
 * Rendering needs the Debian fonts fonts-arphic-uming, fonts-arphic-ukai and fonts-wqy-zenhei.
 */
import sharp from "sharp";

export const FONTS = ["AR PL UMing CN", "WenQuanYi Zen Hei", "AR PL UKai CN"] as const;

/** A seeded PRNG (mulberry32), so every run renders the same pages. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Block = { kind: "para"; text: string } | { kind: "table"; rows: string[][] };

export interface FixtureDocument {
  readonly id: string;
  readonly font: (typeof FONTS)[number];
  readonly blocks: readonly Block[];
  /** The applicant's original text (paragraphs unwrapped, table cells separated by spaces). */
  readonly original: string;
  /** One paragraph replaced by a different clause of similar length. */
  readonly tamperedClause: string;
  /** One digit of one number changed. */
  readonly tamperedNumber: string;
}

const COMPANIES = ["杭州云栖数字科技有限公司", "南京紫金精密仪器有限公司", "青岛海湾物流集团有限公司", "西安古城文化传媒有限公司", "长沙岳麓新材料股份有限公司", "天津滨海港口机械有限公司", "合肥庐州电子信息有限公司", "昆明滇池生物医药有限公司"];
const PEOPLE = ["王建国", "李晓燕", "张伟", "陈静", "刘德华", "周敏", "吴志强", "郑丽娟"];
const CITIES = ["杭州市西湖区文三路", "南京市鼓楼区中山北路", "青岛市市南区香港中路", "西安市雁塔区高新路", "长沙市岳麓区麓谷大道", "天津市滨海新区第三大街"];
const GOODS = [["工业控制器", "PLC-S7"], ["激光测距仪", "LM-300"], ["服务器机柜", "RK-42U"], ["电子印章柜", "YX-SC8"], ["温湿度传感器", "TH-21B"], ["不间断电源", "UPS-6K"]];
const CLAUSES = [
  "甲方应在收到乙方开具的合法有效发票后三十日内支付相应款项，逾期付款的，每日按未付金额的万分之三支付违约金。",
  "乙方保证所提供的产品符合国家标准及行业标准，质量保证期为验收合格之日起二十四个月。",
  "因本合同引起的或与本合同有关的任何争议，双方应协商解决；协商不成的，提交甲方所在地人民法院诉讼解决。",
  "未经对方书面同意，任何一方不得将本合同项下的权利义务全部或部分转让给第三方。",
  "双方对在履行本合同过程中知悉的对方商业秘密负有保密义务，保密期限为本合同终止后三年。",
  "本合同自双方法定代表人或授权代表签字并加盖公章之日起生效，有效期至双方义务履行完毕之日止。",
  "因不可抗力导致本合同不能履行的，遭受不可抗力的一方应在事件发生后十日内书面通知对方并提供证明。",
  "乙方应按照甲方要求的时间和地点交付货物，运输费用及运输途中的风险由乙方承担。",
];
const ALTERNATIVES = [
  "甲方应在收到乙方开具的合法有效发票后九十日内支付相应款项，逾期付款的，乙方不得主张任何违约责任。",
  "乙方对所提供的产品不作任何质量保证，产品验收合格后出现的一切质量问题均由甲方自行承担。",
  "因本合同引起的或与本合同有关的任何争议，均应提交乙方所在地仲裁委员会仲裁，仲裁裁决为终局裁决。",
  "乙方有权在未通知甲方的情况下将本合同项下的全部权利义务转让给其关联公司或其他第三方。",
  "双方对在履行本合同过程中知悉的对方商业秘密不承担保密义务，但法律另有规定的除外。",
  "本合同自乙方单方签字之日起生效，甲方未在五日内提出书面异议的视为同意本合同全部条款。",
  "因任何原因导致本合同不能履行的，乙方均不承担责任，已收取的款项不予退还。",
  "甲方应自行到乙方仓库提货，运输费用及运输途中的一切风险均由甲方承担。",
];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const money = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function blocksToText(blocks: readonly Block[]): string {
  return blocks.map((b) => (b.kind === "para" ? b.text : b.rows.map((row) => row.join(" ")).join("\n"))).join("\n");
}

/** Builds document `index` of a seeded set; layouts rotate between clauses+table, form and clauses only. */
export function makeDocument(seed: number, index: number): FixtureDocument {
  const r = rng(seed * 1000 + index);
  const layout = index % 3;
  const buyer = pick(r, COMPANIES);
  const seller = pick(r, COMPANIES.filter((c) => c !== buyer));
  const year = 2023 + Math.floor(r() * 3);
  const number = `HT-${year}-${String(1000 + Math.floor(r() * 9000))}-${String(100 + Math.floor(r() * 900))}`;
  const date = `${year}年${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日`;
  const blocks: Block[] = [];
  const title = ["采购合同", "付款申请单", "技术服务合同"][layout] as string;
  blocks.push({ kind: "para", text: title });
  blocks.push({ kind: "para", text: `合同编号：${number}` });
  blocks.push({ kind: "para", text: `甲方：${buyer} 法定代表人：${pick(r, PEOPLE)}` });
  blocks.push({ kind: "para", text: `乙方：${seller} 地址：${pick(r, CITIES)}${10 + Math.floor(r() * 300)}号` });
  if (layout === 0 || layout === 1) {
    const rows: string[][] = [["序号", "名称", "型号", "数量", "单价（元）", "金额（元）"]];
    let total = 0;
    const items = 2 + Math.floor(r() * 3);
    for (let i = 0; i < items; i++) {
      const [name, model] = pick(r, GOODS) as string[];
      const qty = 1 + Math.floor(r() * 40);
      const price = Math.round((50 + r() * 20000) * 100) / 100;
      total += qty * price;
      rows.push([String(i + 1), name as string, model as string, String(qty), money(price), money(qty * price)]);
    }
    blocks.push({ kind: "table", rows });
    blocks.push({ kind: "para", text: `合计金额：¥${money(total)}元，收款账号：6222${String(Math.floor(r() * 1e12)).padStart(12, "0")}` });
  }
  const clauseCount = layout === 1 ? 3 : 5;
  const chosen = [...CLAUSES.keys()].sort(() => r() - 0.5).slice(0, clauseCount);
  chosen.forEach((c, i) => blocks.push({ kind: "para", text: `第${"一二三四五六七八"[i]}条 ${CLAUSES[c]}` }));
  blocks.push({ kind: "para", text: `甲方（盖章）：${buyer}` });
  blocks.push({ kind: "para", text: `联系电话：139${String(Math.floor(r() * 1e8)).padStart(8, "0")} 日期：${date}` });

  const original = blocksToText(blocks);
  const target = chosen[Math.floor(r() * chosen.length)] as number;
  const tamperedClause = original.replace(CLAUSES[target] as string, ALTERNATIVES[target] as string);
  const digits = [...original.matchAll(/\d/g)].map((m) => m.index as number).filter((i) => i > original.indexOf("合同编号") + 5);
  const at = digits[Math.floor(r() * digits.length)] as number;
  const old = Number(original[at]);
  const tamperedNumber = original.slice(0, at) + String((old + 1 + Math.floor(r() * 8)) % 10) + original.slice(at + 1);
  return { id: `g${String(index + 1).padStart(2, "0")}_${["table", "form", "clauses"][layout]}`, font: FONTS[index % FONTS.length] as (typeof FONTS)[number], blocks, original, tamperedClause, tamperedNumber };
}

const PAGE_W = 1240; // A4 at 150 dpi
const PAGE_H = 1754;
const MARGIN = 110;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const widthOf = (s: string, size: number) => [...s].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.56 : 1) * size, 0);

function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of text) {
    if (widthOf(line + ch, size) > width) {
      lines.push(line);
      line = "";
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** The page as SVG, and the text lines as printed (the ground truth for CER). */
export function pageSvg(doc: FixtureDocument): { svg: string; lines: string[]; sealAt: { x: number; y: number } } {
  const size = 26;
  const lineHeight = Math.round(size * 1.75);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_W}" height="${PAGE_H}"><rect width="100%" height="100%" fill="#fff"/>`];
  const printed: string[] = [];
  let y = MARGIN + size;
  const text = (x: number, yy: number, s: string, fontSize = size) => parts.push(`<text x="${x}" y="${yy}" font-family="${doc.font}" font-size="${fontSize}" fill="#111">${esc(s)}</text>`);
  for (const [i, block] of doc.blocks.entries()) {
    if (block.kind === "para") {
      if (i === 0) {
        const titleSize = 40;
        text(Math.round((PAGE_W - widthOf(block.text, titleSize)) / 2), y + 10, block.text, titleSize);
        printed.push(block.text);
        y += 80;
        continue;
      }
      for (const line of wrap(block.text, size, PAGE_W - 2 * MARGIN)) {
        text(MARGIN, y, line);
        printed.push(line);
        y += lineHeight;
      }
    } else {
      const cols = block.rows[0]?.length ?? 1;
      const widths = [0.08, 0.2, 0.16, 0.1, 0.22, 0.24].slice(0, cols).map((f) => f * (PAGE_W - 2 * MARGIN));
      const rowH = Math.round(size * 1.9);
      const top = y - size - 8;
      for (const row of block.rows) {
        let x = MARGIN;
        row.forEach((cell, c) => {
          const cellSize = widthOf(cell, size) > (widths[c] ?? 100) - 12 ? size - 6 : size;
          text(x + 8, y + 4, cell, cellSize);
          x += widths[c] ?? 0;
        });
        printed.push(row.join(" "));
        y += rowH;
      }
      const bottom = top + rowH * block.rows.length;
      let x = MARGIN;
      parts.push(`<g stroke="#222" stroke-width="2">`);
      for (let r = 0; r <= block.rows.length; r++) parts.push(`<line x1="${MARGIN}" y1="${top + r * rowH}" x2="${PAGE_W - MARGIN}" y2="${top + r * rowH}"/>`);
      for (let c = 0; c <= cols; c++) {
        parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}"/>`);
        x += widths[c] ?? 0;
      }
      parts.push(`</g>`);
      y += 14;
    }
  }
  parts.push("</svg>");
  // The seal sits over the signature lines at the bottom, as an impression does.
  return { svg: parts.join(""), lines: printed, sealAt: { x: MARGIN + 260, y: Math.min(y - lineHeight * 1.5, PAGE_H - 220) } };
}

/** A red round company seal (company name on the arc, a star, 合同专用章) as an SVG layer over a page. */
export function sealSvg(company: string, at: { x: number; y: number }, seed: number): string {
  const r = rng(seed);
  const radius = 150;
  const chars = [...company];
  const arc = chars
    .map((ch, i) => {
      const angle = -150 + (i * 300) / Math.max(chars.length - 1, 1) - 90 + 90;
      const a = ((angle - 90) * Math.PI) / 180;
      const x = at.x + Math.cos(a) * (radius - 42);
      const y = at.y + Math.sin(a) * (radius - 42);
      return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="WenQuanYi Zen Hei" font-size="34" fill="#e5262e" text-anchor="middle" dominant-baseline="middle" transform="rotate(${angle.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})">${esc(ch)}</text>`;
    })
    .join("");
  const star = Array.from({ length: 10 }, (_, i) => {
    const rr = i % 2 === 0 ? 42 : 17;
    const a = (i * Math.PI) / 5 - Math.PI / 2;
    return `${(at.x + Math.cos(a) * rr).toFixed(1)},${(at.y + Math.sin(a) * rr).toFixed(1)}`;
  }).join(" ");
  const rotation = (r() - 0.5) * 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_W}" height="${PAGE_H}"><g transform="rotate(${rotation.toFixed(1)} ${at.x} ${at.y})" opacity="0.9">
<circle cx="${at.x}" cy="${at.y}" r="${radius}" fill="none" stroke="#e5262e" stroke-width="9"/>${arc}
<polygon points="${star}" fill="#e5262e"/>
<text x="${at.x}" y="${at.y + 92}" font-family="WenQuanYi Zen Hei" font-size="30" fill="#e5262e" text-anchor="middle">合同专用章</text></g></svg>`;
}

/**
 * Renders the page (and the seal, multiplied over it as ink is) to an RGB PNG, at 150 dpi × `scale`
 * (a camera with more pixels than the 150 dpi render must see finer strokes, not an upscaled render).
 */
export async function renderPage(svg: string, seal: string | undefined, scale = 1): Promise<Buffer> {
  const density = 72 * scale;
  const page = sharp(Buffer.from(svg), { density }).flatten({ background: "#fff" });
  const layers = seal ? [{ input: await sharp(Buffer.from(seal), { density }).png().toBuffer(), blend: "multiply" as const }] : [];
  return page.composite(layers).removeAlpha().png().toBuffer();
}

/** What a device camera makes of a page: desk, rotation and shear, light falloff, blur, noise, JPEG. */
export async function photograph(pagePng: Buffer, seed: number, quality: PhotoQuality): Promise<Buffer> {
  const r = rng(seed);
  const angle = (r() < 0.5 ? -1 : 1) * (1 + r() * 2);
  const shear = (r() - 0.5) * 0.04;
  const warped = await sharp(pagePng)
    .affine([[1, shear], [shear / 2, 1]], { background: "#6b4f3a", interpolator: "bicubic" })
    .rotate(angle, { background: "#6b4f3a" })
    .toBuffer({ resolveWithObject: true });
  const deskW = Math.round(warped.info.width * 1.08);
  const deskH = Math.round(warped.info.height * 1.06);
  const lightX = Math.round(r() * 100);
  const light = `<svg xmlns="http://www.w3.org/2000/svg" width="${deskW}" height="${deskH}"><defs>
<radialGradient id="l" cx="${lightX}%" cy="30%" r="90%"><stop offset="0" stop-color="#fff8ec"/><stop offset="1" stop-color="${quality.falloff ?? "#9a8f80"}"/></radialGradient>
<filter id="soft" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="60"/></filter></defs>
<rect width="100%" height="100%" fill="url(#l)"/><ellipse cx="${Math.round(r() * deskW)}" cy="${Math.round(deskH * (0.6 + r() * 0.3))}" rx="${Math.round(deskW * 0.25)}" ry="${Math.round(deskH * 0.12)}" fill="#000" opacity="0.2" filter="url(#soft)"/></svg>`;
  const noise = Buffer.alloc(deskW * deskH);
  const grain = quality.noise ?? 40;
  for (let i = 0; i < noise.length; i++) noise[i] = 128 + Math.round((r() + r() + r() - 1.5) * grain);
  const noisePng = await sharp(noise, { raw: { width: deskW, height: deskH, channels: 1 } }).toColourspace("srgb").png().toBuffer();
  const lit = await sharp({ create: { width: deskW, height: deskH, channels: 3, background: "#5a4030" } })
    .composite([
      { input: warped.data, left: Math.round((deskW - warped.info.width) / 2), top: Math.round((deskH - warped.info.height) / 2) },
      { input: Buffer.from(light), blend: "multiply" },
      { input: noisePng, blend: "soft-light" },
    ])
    .png()
    .toBuffer();
  return sharp(lit).resize({ width: quality.width }).blur(quality.blur).jpeg({ quality: quality.jpeg, mozjpeg: true, chromaSubsampling: quality.chroma }).toBuffer();
}

/** A blank sheet: plain paper, paper with texture, a fold crease and a shadow, or only a seal on it. */
export async function blankPage(kind: "plain" | "textured" | "seal", seed: number): Promise<Buffer> {
  const r = rng(seed);
  const crease = kind === "textured" ? `<line x1="0" y1="${Math.round(PAGE_H * (0.4 + r() * 0.2))}" x2="${PAGE_W}" y2="${Math.round(PAGE_H * (0.4 + r() * 0.2))}" stroke="#d8d4cc" stroke-width="3"/><rect width="100%" height="100%" fill="url(#shade)"/>` : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_W}" height="${PAGE_H}"><defs><linearGradient id="shade" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#777" stop-opacity="0.35"/></linearGradient></defs><rect width="100%" height="100%" fill="#fff"/>${crease}</svg>`;
  let page = await renderPage(svg, kind === "seal" ? sealSvg(pick(r, COMPANIES), { x: PAGE_W / 2, y: PAGE_H / 2 }, seed) : undefined);
  if (kind === "textured") {
    const grain = Buffer.alloc(PAGE_W * PAGE_H);
    for (let i = 0; i < grain.length; i++) grain[i] = 128 + Math.round((r() - 0.5) * 50);
    const grainPng = await sharp(grain, { raw: { width: PAGE_W, height: PAGE_H, channels: 1 } }).blur(1.2).toColourspace("srgb").png().toBuffer();
    page = await sharp(page).composite([{ input: grainPng, blend: "soft-light" }]).removeAlpha().png().toBuffer();
  }
  return page;
}

/** How a camera renders the page. */
export interface PhotoQuality {
  /** Width of the whole frame (desk included), pixels. */
  readonly width: number;
  readonly jpeg: number;
  /** Gaussian blur σ, pixels of the final frame. */
  readonly blur: number;
  readonly chroma: "4:4:4" | "4:2:0";
  /** Sensor grain amplitude (soft-light noise, 0–127); 40 unless given. */
  readonly noise?: number;
  /** Light at the far corners (the centre is #fff8ec); #9a8f80 unless given. */
  readonly falloff?: string;
}

/**
 * The harsh set: a 2 MP-class frame (page ≈ 130 dpi, body text ≈ 22 px tall) from the 150 dpi
 * render, heavy grain, strong light falloff, JPEG 72 without chroma subsampling.
 */
export const PHOTO: PhotoQuality = { width: 1200, jpeg: 72, blur: 0.6, chroma: "4:4:4" };
/** Harsher still (page ≈ 105 dpi, text ≈ 18 px), 4:2:0 chroma as most phone JPEGs: thin red strokes lose their red. */
export const PHOTO_LOW: PhotoQuality = { width: 960, jpeg: 60, blur: 0.8, chroma: "4:2:0" };
/**
 * What a phone or a 5 MP device camera actually delivers: frame 2000 px wide (page ≈ 215 dpi, text
 * ≈ 36 px, rendered at 300 dpi so strokes are real detail), JPEG 85 with 4:2:0 chroma, the light
 * grain left after the camera's own denoising, softer falloff; same rotation, shear, desk and shadow.
 */
export const CAMERA: PhotoQuality = { width: 2000, jpeg: 85, blur: 0.7, chroma: "4:2:0", noise: 14, falloff: "#c4baac" };
/** Render scale for the camera set: 300 dpi. */
export const CAMERA_RENDER_SCALE = 2;
