/** Checks a CAPTCHA token from the portal or widget. */
export interface CaptchaVerifier {
  readonly required: boolean;
  verify(token: string | undefined, remoteIp: string): Promise<boolean>;
}

/** No CAPTCHA configured: every submission passes (rate limits still apply). */
export const acceptAllCaptcha: CaptchaVerifier = {
  required: false,
  verify: async () => true,
};

const TIMEOUT_MS = 5000;

/**
 * A verifier speaking the `siteverify` protocol shared by Cloudflare Turnstile, hCaptcha and reCAPTCHA:
 * POST `secret`, `response` and `remoteip` form-encoded; the answer is JSON with `success: boolean`.
 * A missing token, a network failure or a non-JSON answer fail closed.
 */
export function siteVerifyCaptcha(secret: string, verifyUrl: string): CaptchaVerifier {
  return {
    required: true,
    async verify(token, remoteIp) {
      if (!token) return false;
      try {
        const res = await fetch(verifyUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ secret, response: token, remoteip: remoteIp }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (!res.ok) return false;
        const body = (await res.json()) as { success?: unknown };
        return body.success === true;
      } catch {
        return false;
      }
    },
  };
}

export function captchaFromConfig(config: { captchaSecret: string | undefined; captchaVerifyUrl: string }) {
  return config.captchaSecret
    ? siteVerifyCaptcha(config.captchaSecret, config.captchaVerifyUrl)
    : acceptAllCaptcha;
}
