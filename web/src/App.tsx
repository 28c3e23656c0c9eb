import { Navigate, Route, Routes } from 'react-router-dom';
import { AuditPage } from './audit/AuditPage.tsx';
import { AccountPage } from './auth/AccountPage.tsx';
import { RequireSession } from './auth/RequireSession.tsx';
import { SetupPage } from './auth/SetupPage.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { TokensPage } from './auth/TokensPage.tsx';
import { UsersPage } from './auth/UsersPage.tsx';
import { CodeHealthPage } from './code-health/CodeHealthPage.tsx';
import { Layout } from './components/Layout.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { DeliveryPage } from './delivery/DeliveryPage.tsx';
import { DeploymentPage } from './delivery/DeploymentPage.tsx';
import { IncidentPage } from './delivery/IncidentPage.tsx';
import { IncidentsPage } from './delivery/IncidentsPage.tsx';
import { ServicePage } from './delivery/ServicePage.tsx';
import { ServicesPage } from './delivery/ServicesPage.tsx';
import { IdentitiesPage } from './git/IdentitiesPage.tsx';
import { RepositoriesPage } from './git/RepositoriesPage.tsx';
import { RepositoryPage } from './git/RepositoryPage.tsx';
import { HomePage } from './home/HomePage.tsx';
import { JobsPage } from './jobs/JobsPage.tsx';
import { MetricPage } from './metrics/MetricPage.tsx';
import { MetricsPage } from './metrics/MetricsPage.tsx';
import { NotificationsPage } from './notifications/NotificationsPage.tsx';
import { PeoplePage } from './org/PeoplePage.tsx';
import { PersonPage } from './org/PersonPage.tsx';
import { TeamPage } from './org/TeamPage.tsx';
import { TeamsPage } from './org/TeamsPage.tsx';
import { ApiReferencePage } from './reference/ApiReferencePage.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';

export function App() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireSession>
            <Layout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="teams" element={<TeamsPage />} />
        <Route path="teams/:id" element={<TeamPage />} />
        <Route path="people" element={<PeoplePage />} />
        <Route path="people/:id" element={<PersonPage />} />
        <Route path="repositories" element={<RepositoriesPage />} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="services/:id" element={<ServicePage />} />
        <Route path="repositories/:id" element={<RepositoryPage />} />
        <Route path="code-health" element={<CodeHealthPage />} />
        <Route path="delivery" element={<DeliveryPage />} />
        <Route path="deployments/:id" element={<DeploymentPage />} />
        <Route path="incidents" element={<IncidentsPage />} />
        <Route path="incidents/:id" element={<IncidentPage />} />
        {/* The server answers GET /metrics itself (Prometheus): the catalog lives beside it. */}
        <Route path="metric-catalog" element={<MetricsPage />} />
        <Route path="metrics" element={<Navigate to="/metric-catalog" replace />} />
        <Route path="metrics/:key" element={<MetricPage />} />
        <Route path="git-identities" element={<IdentitiesPage />} />
        <Route path="tokens" element={<TokensPage />} />
        <Route path="jobs" element={<JobsPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="reference" element={<ApiReferencePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
