import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { getSettings, updateSettings } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { ErrorMessage, isForbidden } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { NotAllowed } from '../components/NotAllowed.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SettingsForm } from './SettingsForm.tsx';

const settingsKey = ['settings'] as const;

/** The organisation's settings (admins): the attention budget and the chat webhook. */
export function SettingsPage() {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(0);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const settings = useQuery({ queryKey: settingsKey, queryFn: getSettings });
  const save = useMutation({
    mutationFn: updateSettings,
    onMutate: () => setSaved(0),
    onSuccess: async (result) => {
      queryClient.setQueryData(settingsKey, result);
      // The catalog's attention banners follow the budget.
      await queryClient.invalidateQueries({ queryKey: ['metrics', 'attention'] });
      setSaved((count) => count + 1);
    },
  });

  // The form starts again from what was saved: say so where focus lands.
  useEffect(() => {
    if (saved > 0) savedRef.current?.focus();
  }, [saved]);

  const header = (
    <PageHeader
      title="Organisation settings"
      description="How many metrics a team should watch at once, and where notifications are also posted."
    />
  );
  if (isForbidden(settings.error)) {
    return (
      <>
        {header}
        <NotAllowed who="admins" />
      </>
    );
  }
  return (
    <>
      {header}
      <Card id="settings" title="Attention and chat" narrow>
        <p role="status" className="success card-status" tabIndex={-1} ref={savedRef}>
          {saved > 0 && 'Saved the settings.'}
        </p>
        <ErrorMessage error={settings.error} />
        {settings.data ? (
          <SettingsForm
            key={saved}
            settings={settings.data}
            submitLabel="Save settings"
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
          />
        ) : (
          !settings.error && <Loading label="Loading the settings" />
        )}
      </Card>
    </>
  );
}
