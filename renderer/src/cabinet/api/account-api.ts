/** Signing in and out of the central server (cookie session), for the cabinet and the dashboard. */
import { Me, type SetPasswordRequest } from '../../../../core/contracts/api.ts';
import { call, callEmpty } from './http.ts';

export const accountApi = {
  me: () => call(Me, 'GET', '/api/auth/me'),
  login: (email: string, password: string) => call(Me, 'POST', '/api/auth/login', { email, password }),
  logout: () => callEmpty('POST', '/api/auth/logout'),
  setPassword: (input: SetPasswordRequest) => callEmpty('POST', '/api/auth/set-password', input),
};
