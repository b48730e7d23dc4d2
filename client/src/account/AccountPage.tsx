import { DELIVERY_MODES, NOTIFICATION_KINDS, type DeliveryMode, type NotificationKind } from '../../../shared/src/api/notifications.ts';
import { useT } from '../i18n/i18n.tsx';
import type { Me } from '../lib/api.ts';
import { ErrorText } from '../ui/Field.tsx';
import { useNotificationSettings, useUpdateNotificationSettings } from './notificationSettings.ts';

/** `/account`: who is signed in, and how they want to hear about what happens in their meetings. */
export function AccountPage({ user }: { user: Me }) {
  const { t, errorMessage } = useT();
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();

  return (
    <main className="page account-page">
      <h1>{t('account.title')}</h1>
      <p>
        <strong>{user.name}</strong> <span className="muted">{user.email}</span>
      </p>
      <section aria-labelledby="notify-title" className="card">
        <h2 id="notify-title">{t('notify.title')}</h2>
        {settings.isPending && <p>{t('common.loading')}</p>}
        {settings.isError && <ErrorText>{errorMessage(settings.error)}</ErrorText>}
        {settings.data && (
          <>
            {!settings.data.mailConfigured && (
              <p className="notice" data-testid="notify-no-mail">
                {t('notify.noMail')}
              </p>
            )}
            {settings.data.mailConfigured && !settings.data.hasEmail && <p className="notice">{t('notify.noEmail')}</p>}
            <p>{t('notify.intro')}</p>
            <div className="notify-settings">
              {NOTIFICATION_KINDS.map((kind: NotificationKind) => (
                <label key={kind} className="notify-row">
                  <span>{t(`notify.kind.${kind}`)}</span>
                  <select
                    value={settings.data.settings[kind]}
                    onChange={(e) => update.mutate({ [kind]: e.target.value as DeliveryMode })}
                    disabled={update.isPending}
                    data-testid={`notify-${kind}`}
                  >
                    {DELIVERY_MODES.map((mode) => (
                      <option key={mode} value={mode}>
                        {t(`notify.mode.${mode}`)}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {settings.data.digest && (
              <p className="muted">{t('notify.digestAt', { time: `${String(settings.data.digest.hour).padStart(2, '0')}:00`, zone: settings.data.digest.timeZone })}</p>
            )}
            <p role="status" className="muted" data-testid="notify-status">
              {update.isSuccess ? t('notify.saved') : ''}
            </p>
            <ErrorText>{update.isError ? errorMessage(update.error) : ''}</ErrorText>
          </>
        )}
      </section>
    </main>
  );
}
