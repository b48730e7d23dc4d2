import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationSettings, NotificationSettingsResponse } from '../../../shared/src/api/notifications.ts';
import { api } from '../lib/api.ts';

const settingsKey = ['me', 'notifications'] as const;

/** The signed-in person's e-mail notification settings (and whether this server sends mail at all). */
export function useNotificationSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<NotificationSettingsResponse>('GET', '/me/notifications') });
}

/** Changes some of the settings; the server's answer replaces the cached settings. */
export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<NotificationSettings>) => api<NotificationSettingsResponse>('PATCH', '/me/notifications', patch),
    onSuccess: (answer) => queryClient.setQueryData(settingsKey, answer),
  });
}
