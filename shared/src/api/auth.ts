import { z } from 'zod';

/** Request bodies of the auth API; shared so the client validates with the same rules. */
export const emailSchema = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .transform((value) => value.normalize('NFC').toLowerCase())
  .pipe(z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an email address'));

/** 10 to 200 characters; a password is never trimmed or normalised away. */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const displayNameSchema = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(z.string().min(1).max(80));

export const signupBody = z.object({
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
  /** The one-time setup token the server printed at its first start: this account becomes the first administrator. */
  setupToken: z.string().min(1).max(200).optional(),
});

/** `GET /api/setup`: whether the first account (the administrator) may still be created, and whether it needs the setup token. */
export interface SetupStatus {
  open: boolean;
  needsToken: boolean;
}
export const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export const passwordChangeBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema });
export const tokenCreateBody = z.object({
  name: z.string().trim().min(1).max(80),
  expiresInDays: z.number().int().min(1).max(3_650).optional(),
});

/** Interface languages of the client; `null` on an account means "follow the browser". */
export const UI_LOCALES = ['en', 'zh-Hant'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const uiLocaleSchema = z.enum(UI_LOCALES);
/** `PATCH /api/me`: the account's own preferences (only the interface language today). */
export const mePatchBody = z.object({ locale: uiLocaleSchema.nullable() }).strict();

/** The signed-in user as the API reports it. */
export interface MeResponse {
  user: { id: string; email: string | null; name: string; isAdmin: boolean; guestMeetingId: string | null; locale: UiLocale | null };
  /** Send back as `X-CSRF-Token` on state-changing requests authenticated by the session cookie. */
  csrfToken: string | null;
}
