import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Job, type JobStatus, listJobs, retryJob } from '../api.ts';
import { useSession } from '../auth/useSession.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage, isForbidden } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { NotAllowed } from '../components/NotAllowed.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProgressNote } from '../components/ProgressNote.tsx';
import { usePagedQuery } from '../components/usePagedQuery.ts';

const statuses: JobStatus[] = ['queued', 'running', 'succeeded', 'dead'];

export function JobsPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<JobStatus | ''>('');

  const { query: jobs, items } = usePagedQuery(
    ['jobs', 'list', { status }],
    (page) => listJobs({ ...page, status: status || undefined }),
    { refetchInterval: 3000 },
  );
  const retry = useMutation({
    mutationFn: retryJob,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });

  const header = (
    <PageHeader
      title="Jobs"
      description="Background work: imports, recomputations and housekeeping. Refreshes every few seconds."
    />
  );
  if (isForbidden(jobs.error)) {
    return (
      <>
        {header}
        <NotAllowed who="admins and leaders" />
      </>
    );
  }

  return (
    <>
      {header}
      <div className="toolbar">
        <label htmlFor="job-status">Status</label>
        <select
          id="job-status"
          value={status}
          onChange={(event) => setStatus(event.target.value as JobStatus | '')}
        >
          <option value="">All</option>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={jobs.error ?? retry.error} />
      {jobs.isPending ? (
        <Loading label="Loading jobs" />
      ) : items.length === 0 ? (
        <EmptyState title={status ? `No ${status} jobs.` : 'No jobs yet.'} />
      ) : (
        <DataTable
          columns={[
            { label: '#', numeric: true },
            'Job',
            'Status',
            { label: 'Attempts', numeric: true },
            'Progress',
            'Created',
            'Finished',
            user.role === 'admin' && { label: 'Actions', hidden: true },
          ]}
        >
          {items.map((job) => (
            <tr key={job.id}>
              <td className="numeric">{job.id}</td>
              <td>
                <code>{job.name}</code>
                {job.lastError && (
                  <p className="job-error">
                    <span className="visually-hidden">Last error: </span>
                    {job.lastError}
                  </p>
                )}
              </td>
              <td>
                <span className={`badge status-${job.status}`}>{job.status}</span>
                {job.status === 'queued' && new Date(job.runAt) > new Date() && (
                  <span className="scheduled">scheduled for {formatDateTime(job.runAt)}</span>
                )}
              </td>
              <td className="numeric">
                {job.attempts}/{job.maxAttempts}
              </td>
              <td>
                <JobProgress job={job} />
              </td>
              <td className="nowrap">{formatDateTime(job.createdAt)}</td>
              <td className="nowrap">{formatDateTime(job.finishedAt)}</td>
              {user.role === 'admin' && (
                <td className="actions">
                  {job.status === 'dead' && (
                    <button
                      type="button"
                      className="button"
                      disabled={retry.isPending && retry.variables === job.id}
                      onClick={() => retry.mutate(job.id)}
                    >
                      Retry
                      <span className="visually-hidden"> job {job.id}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMore query={jobs} />
    </>
  );
}

function JobProgress({ job }: { job: Job }) {
  const progress = job.progress;
  if (!progress) return <span className="muted">—</span>;
  const { done, total, message } = progress;
  const label = total ? `${done} of ${total}` : `${done} done`;
  return (
    <ProgressNote
      done={done}
      total={total}
      label={label}
      message={message}
      name={`Job ${job.id} progress`}
    />
  );
}
