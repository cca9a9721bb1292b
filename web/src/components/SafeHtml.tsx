import DOMPurify from 'dompurify';

const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(\s[^>]*)?>/i;

/**
 * A message body: plain text as text; customer-supplied HTML (e-mail) only after DOMPurify, with
 * a short list of formatting tags and no attributes beyond links. The one place the app sets HTML.
 */
export function MessageBody({ body }: { body: string }) {
  if (!LOOKS_LIKE_HTML.test(body)) return <div className="body text">{body}</div>;
  const clean = DOMPurify.sanitize(body, {
    ALLOWED_TAGS: [
      'p',
      'br',
      'b',
      'strong',
      'i',
      'em',
      'u',
      'ul',
      'ol',
      'li',
      'blockquote',
      'a',
      'pre',
      'code',
    ],
    ALLOWED_ATTR: ['href'],
    ALLOW_DATA_ATTR: false,
  });
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above
  return <div className="body html" dangerouslySetInnerHTML={{ __html: clean }} />;
}
