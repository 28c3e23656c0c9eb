import type { Incident } from '../api.ts';

type CauseLink = NonNullable<Incident['cause']>['link'];

/** How an incident is tied to the deployment it counts against, in words. */
export const causeLinkTerms: Record<CauseLink, { short: string; long: string }> = {
  deployment: {
    short: 'by name',
    long: 'the incident names this deployment as its cause.',
  },
  commit: {
    short: 'by commit',
    long: 'the incident names a commit; this is the first production deployment that shipped it.',
  },
  'last-before': {
    short: 'by default',
    long:
      "the service's last production deployment that finished before the impact started. Name " +
      'the deployment or the commit if that is not the cause.',
  },
};

export function causeLinkTerm(link: string): { short: string; long: string } {
  return causeLinkTerms[link as CauseLink] ?? { short: link, long: link };
}

export const severityTerms: Record<Incident['severity'], string> = {
  sev1: 'sev1 — critical',
  sev2: 'sev2 — major',
  sev3: 'sev3 — minor',
  sev4: 'sev4 — low',
};

export const severities = Object.keys(severityTerms) as Incident['severity'][];
