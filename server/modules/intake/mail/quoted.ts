/**
 * The new part of a reply: drops the quoted earlier mail that clients append (`> ` lines, "On … wrote:",
 * "在 … 写道：", Outlook's "-----Original Message-----" / "发件人:" header block).
 */
const CUT_MARKERS = [
  /^On .{1,200}wrote:\s*$/,
  /^在.{1,200}写道[:：]\s*$/,
  /^-{2,}\s*(Original Message|原始邮件)\s*-{2,}\s*$/i,
  /^(From|发件人)[:：]\s.+$/,
  /^_{10,}\s*$/,
];

export function stripQuoted(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (CUT_MARKERS.some((re) => re.test(trimmed))) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
