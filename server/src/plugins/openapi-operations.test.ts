import { describe, expect, it } from 'vitest';
import { allow } from '../common/access.ts';
import { operationIdOf, securityOf } from './openapi-operations.ts';

describe('operationIdOf', () => {
  it('names an operation by its method and path, path parameters as By…', () => {
    expect(operationIdOf('POST', '/api/windows/:id/call-next')).toBe('postWindowsByIdCallNext');
    expect(operationIdOf('GET', '/api/self-service-machines')).toBe('getSelfServiceMachines');
    expect(operationIdOf('DELETE', '/api/admin/notices/{id}')).toBe('deleteAdminNoticesById');
    expect(operationIdOf('GET', '/api/appointments/:id/calendar.ics')).toBe('getAppointmentsByIdCalendarIcs');
  });
});

describe('securityOf', () => {
  it('says what the access rule says', () => {
    expect(securityOf(allow.public)).toEqual([]);
    expect(securityOf(allow.signedIn)).toEqual([{ session: [] }]);
    expect(securityOf(allow.clerkOfWindow())).toEqual([{ session: [] }]);
    expect(securityOf(allow.roles('admin'))).toEqual([{ session: [] }]);
    expect(securityOf(allow.devices('kiosk'))).toEqual([{ device: [] }]);
    expect(securityOf({ roles: ['student'], devices: ['kiosk'] })).toEqual([{ session: [] }, { device: [] }]);
  });
});
