import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import {
  deleteIncident,
  getIncident,
  type Incident,
  type RecordIncident,
  updateIncident,
} from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useEditAndDelete } from '../components/useEditAndDelete.ts';
import { canRecord } from './can-record.ts';
import { IncidentFacts } from './IncidentFacts.tsx';
import { IncidentForm } from './IncidentForm.tsx';
import { RecordFrame } from './RecordFrame.tsx';
import { useAllServices } from './useAllServices.ts';

const refetched = [['incidents'], ['dora'], ['deployments']];

/** One incident: its times, the deployment it counts against and why; resolve, edit, delete. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const incident = useQuery({ queryKey: ['incidents', 'one', id], queryFn: () => getIncident(id) });
  const services = useAllServices();
  const editor = useEditAndDelete({
    update: ({ service: _service, ...fields }: RecordIncident) => updateIncident(id, fields),
    remove: () => deleteIncident(id),
    invalidate: refetched,
    afterDelete: '/incidents',
    deletedNotice: () => `Deleted the incident ${incident.data?.title ?? ''}.`,
  });
  const resolve = useResolveNow(id);
  const mayChange = canRecord(user.role) && !editor.editing;

  return (
    <RecordFrame
      query={incident}
      noun="incident"
      list={{ to: '/incidents', title: 'Incidents' }}
      title={(data) => data.title}
      describe={(data) =>
        `${data.severity} incident of ${data.service}, ${data.resolvedAt ? 'resolved' : 'open'}`
      }
      actions={(data) =>
        mayChange && (
          <>
            {!data.resolvedAt && (
              <button
                type="button"
                className="button button-primary"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate()}
              >
                {resolve.isPending ? 'Resolving…' : 'Resolve now'}
              </button>
            )}
            <button type="button" className="button" onClick={editor.startEditing}>
              Edit incident
            </button>
            {canEditOrg(user.role) && (
              <ConfirmButton
                label="Delete incident"
                question={`Delete ${data.title}?`}
                busy={editor.deletion.isPending}
                onConfirm={() => editor.deletion.mutate()}
              />
            )}
          </>
        )
      }
    >
      {(data) => (
        <>
          <p role="status" className="success">
            {editor.saved > 0 && !editor.editing && 'Saved your changes.'}
            {resolve.isSuccess && 'Resolved now.'}
          </p>
          <ErrorMessage error={editor.deletion.error ?? resolve.error} />
          {editor.editing && (
            <Card id="edit-incident-form" title="Edit incident" narrow>
              <IncidentForm incident={data} services={services.data ?? []} {...editor.form} />
            </Card>
          )}
          <IncidentFacts incident={data} />
        </>
      )}
    </RecordFrame>
  );
}

function useResolveNow(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (): Promise<Incident> =>
      updateIncident(id, { resolvedAt: new Date().toISOString() }),
    onSuccess: async () => {
      for (const queryKey of refetched) await queryClient.invalidateQueries({ queryKey });
    },
  });
}
