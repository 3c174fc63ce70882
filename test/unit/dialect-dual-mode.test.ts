// Seed 002's dialect and the public directory it reads, without the stack: the directory's keys and join ceiling
// (domain/directory.ts), and the dialect's translation (functions/dialects/dual-mode/translate.ts).

import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dualModeSeedError } from '#dialects/dual-mode/seed-error';
import { cabinetRole, createInput, DUAL_MODE_POLICY, fullNameOf, seedRoleOf, userAnswer } from '#dialects/dual-mode/translate';
import {
  directoryEntryItem,
  directorySortKey,
  drawOrganisationNumber,
  mayJoinAs,
  ORGANISATION_NUMBER_MAX,
  organisationIdOfDirectoryKey,
  publicEntry,
} from '#domain/directory';
import { BUILT_IN_ROLES, type Permission } from '#domain/permissions';
import * as refusals from '#domain/refusals';
import type { User } from '#domain/user';

const permissionsOf = (name: string): Permission[] => {
  const role = DUAL_MODE_POLICY.roles.find((candidate) => candidate.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return role.permissions;
};

describe('the public directory (domain/directory.ts)', () => {
  it('orders entries by number (zero-padded) and reads the organisation back from a sort key', () => {
    expect(directorySortKey(7, 'org-1') < directorySortKey(10, 'org-0')).toBe(true);
    expect(organisationIdOfDirectoryKey(directorySortKey(42, 'a1b2-c3'))).toBe('a1b2-c3');
    expect(organisationIdOfDirectoryKey('42#a1b2')).toBeUndefined();
    expect(organisationIdOfDirectoryKey(`${'0'.repeat(12)}#ORG#x`)).toBeUndefined();
  });

  it('draws a number from 1 to the largest signed 32-bit integer, which the sort key still orders', () => {
    expect(drawOrganisationNumber((min) => min)).toBe(1);
    expect(drawOrganisationNumber((_min, max) => max - 1)).toBe(ORGANISATION_NUMBER_MAX);
    expect(ORGANISATION_NUMBER_MAX).toBe(2 ** 31 - 1);
    const drawn = Array.from({ length: 1000 }, () => drawOrganisationNumber(randomInt));
    for (const number of drawn) expect(Number.isSafeInteger(number) && number >= 1 && number <= ORGANISATION_NUMBER_MAX).toBe(true);
    expect(new Set(drawn).size).toBeGreaterThan(990);
    expect(organisationIdOfDirectoryKey(directorySortKey(ORGANISATION_NUMBER_MAX, 'org-1'))).toBe('org-1');
  });

  it('puts an entry in the DIRECTORY index partition only while it is listed', () => {
    const entry = { organisationId: 'org-1', number: 3, nom: 'Firm', listed: true };
    expect(directoryEntryItem(entry)).toMatchObject({ gsi1pk: 'DIRECTORY', gsi1sk: directorySortKey(3, 'org-1') });
    expect(directoryEntryItem({ ...entry, listed: false })).not.toHaveProperty('gsi1pk');
  });

  it('shows the public a number and a name, nothing else', () => {
    expect(publicEntry({ organisationId: 'org-1', number: 3, nom: 'Firm', listed: true })).toEqual({ number: 3, nom: 'Firm' });
  });

  it("lets a joiner ask for the join policy's role or one below it, never above nor a managing one", () => {
    const lawyer = new Set(permissionsOf('lawyer'));
    expect(mayJoinAs(lawyer, permissionsOf('lawyer'))).toBe(true);
    expect(mayJoinAs(lawyer, permissionsOf('paralegal'))).toBe(true);
    expect(mayJoinAs(lawyer, permissionsOf('clerk'))).toBe(true);
    expect(mayJoinAs(lawyer, permissionsOf('senior_lawyer'))).toBe(false);
    expect(mayJoinAs(lawyer, BUILT_IN_ROLES.ADMIN)).toBe(false);
    // Even a ceiling that holds a management permission never lets one through a door anyone can find.
    expect(mayJoinAs(new Set(BUILT_IN_ROLES.ADMIN), BUILT_IN_ROLES.ADMIN)).toBe(false);
  });
});

describe('seed 002 translation', () => {
  const user: User = {
    id: 'u-1',
    username: 'jane@example.org',
    email: 'jane@example.org',
    nom: 'Smith',
    prenom: 'Jane',
    createdAt: '2026-01-31T11:00:00.000Z',
    updatedAt: '2026-01-31T12:00:00.000Z',
  } as User;

  it("maps the seed's roles to Cabinet's and back (admin is ADMIN, the others are custom roles)", () => {
    expect(cabinetRole('admin')).toBe('ADMIN');
    expect(cabinetRole('senior_lawyer')).toBe('senior_lawyer');
    expect(seedRoleOf('ADMIN')).toBe('admin');
    expect(seedRoleOf('MEMBER')).toBe('member');
    expect(DUAL_MODE_POLICY.roles.map((role) => role.name)).toEqual(['senior_lawyer', 'lawyer', 'paralegal', 'clerk']);
    expect(DUAL_MODE_POLICY.joinRole).toBe('lawyer');
  });

  it("answers the seed's User: fullName, the number as organizationId (null without one), the role lower-cased", () => {
    expect(fullNameOf({ nom: 'Smith', prenom: 'Jane' })).toBe('Jane Smith');
    expect(userAnswer(user, { organisation: { number: 5 }, role: 'ADMIN' })).toEqual({
      id: 'u-1',
      email: 'jane@example.org',
      fullName: 'Jane Smith',
      organizationId: 5,
      role: 'admin',
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    });
    expect(userAnswer(user, { organisation: {}, role: 'MEMBER' })).toMatchObject({ organizationId: null, role: 'member' });
    expect(userAnswer(user)).toMatchObject({ organizationId: null, role: null });
  });

  it('creates in SA unless a country is given', () => {
    const body = {
      registrationType: 'create' as const,
      email: 'a@example.org',
      password: 'x',
      confirmPassword: 'x',
      fullName: 'Jane Smith',
      organizationName: 'Firm',
      country: undefined,
      subscriptionTier: undefined,
      role: undefined,
    };
    expect(createInput(body)).toMatchObject({ registrationType: 'create', organisationName: 'Firm', country: 'SA' });
    expect(createInput({ ...body, country: 'FR' }).country).toBe('FR');
  });

  it("puts the seed's words in error: its own messages first, then the field's rule", () => {
    expect(dualModeSeedError(refusals.emailTaken('register'))).toEqual({ error: 'User with this email already exists' });
    expect(dualModeSeedError(refusals.organisationNotFound())).toEqual({ error: 'Organization not found' });
    expect(dualModeSeedError(refusals.validationError([{ path: 'confirmPassword', message: 'Passwords do not match' }]))).toEqual({
      error: 'Passwords do not match',
    });
    expect(dualModeSeedError(refusals.roleAboveJoinPolicy('admin', 'lawyer')).error).toMatch(/lawyer/);
  });
});
