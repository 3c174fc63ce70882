// Seed 003's words to Cabinet's use cases and back: plain functions over values, no rule of their own. A clinic is an
// organisation whose join code needs approval (use-cases/clinics.ts), a registration request is a join request
// (use-cases/registration.ts, use-cases/join-requests.ts) whose id is the applicant's user id.
import type { JoinRequest } from '#domain/join-request';
import type {
  createClinicBody,
  createClinicResponse,
  registerRequestBody,
  registerRequestResponse,
  registrationRequestResponse,
} from '#schemas/dialect-clinic';
import type { Infer } from '#schemas/lazy';
import type { registerJoinBody } from '#schemas/registration';
import type { CreatedClinic, NewClinic } from '#use-cases/clinics';
import type { JoinExtras, Registration } from '#use-cases/registration';

/** What the seed recommended its answer say in place of the temporary password: it is only ever e-mailed. */
export const PASSWORD_BY_EMAIL = '*** Envoyé par email sécurisé ***';

export const MESSAGES = {
  clinicCreated: "Clinique créée. L'administrateur reçoit par email le lien pour choisir son mot de passe.",
  clinicCreatedInvited: "Clinique créée. L'administrateur a déjà un compte : il reçoit une invitation à accepter.",
  requestSent: "Demande d'inscription envoyée. Un administrateur de la clinique doit l'approuver.",
  requestApprovedAtOnce: 'Inscription réussie.',
  approved: 'Demande approuvée.',
  rejected: 'Demande rejetée.',
  /** The reason Cabinet's rejection needs when the seed's client sends none: it is e-mailed to the applicant. */
  defaultRejection: "Demande rejetée par l'administrateur de la clinique.",
} as const;

export const createClinicInput = (body: Infer<typeof createClinicBody>): NewClinic => ({
  name: body.clinicName,
  adminEmail: body.adminEmail,
  adminNom: body.adminName,
  adminPrenom: body.adminPrenom,
  adminLocale: body.adminLocale ?? 'fr',
  address: body.address,
  phone: body.phone,
  contactEmail: body.clinicEmail,
  validityHours: body.validityHours,
  customTemporaryCode: body.customTempCode,
});

export function createClinicAnswer(
  created: CreatedClinic,
  body: Infer<typeof createClinicBody>,
  superAdminId: string,
): Infer<typeof createClinicResponse> {
  const org = created.organisation;
  const { admin } = created;
  return {
    success: true,
    message: admin.outcome === 'created' ? MESSAGES.clinicCreated : MESSAGES.clinicCreatedInvited,
    clinic: {
      id: org.id,
      name: org.nom,
      code: created.temporaryCode.code,
      is_temporary_code: true,
      active: org.status === 'ACTIVE',
      ...(org.address ? { address: org.address } : {}),
      ...(org.phone ? { phone: org.phone } : {}),
      ...(org.contactEmail ? { email: org.contactEmail } : {}),
      created_by_super_admin: superAdminId,
      created_at: org.createdAt,
    },
    temporaryCode: { code: created.temporaryCode.code, expires_at: created.temporaryCode.expiresAt },
    admin:
      admin.outcome === 'created'
        ? {
            id: admin.member.userId,
            email: body.adminEmail,
            nom: admin.member.nom,
            prenom: admin.member.prenom,
            role: 'CLINIC_ADMIN',
            status: 'PENDING',
          }
        : {
            email: body.adminEmail,
            nom: body.adminName,
            prenom: body.adminPrenom,
            role: 'CLINIC_ADMIN',
            status: 'INVITED',
            invitation_id: admin.invitation.id,
          },
    credentials: {
      email: body.adminEmail,
      clinicCode: created.temporaryCode.code,
      tempPassword: PASSWORD_BY_EMAIL,
      setPasswordLinkExpiresAt: admin.outcome === 'created' ? admin.setPasswordLink.expiresAt : admin.invitation.expiresAt,
    },
  };
}

/**
 * A registration request is Cabinet's registration by join code. The security questions stop here: validated by
 * the schema, never passed on, stored or logged.
 */
export function registerRequestInput(body: Infer<typeof registerRequestBody>): {
  input: Infer<typeof registerJoinBody>;
  extras: JoinExtras;
} {
  return {
    input: {
      registrationType: 'join',
      email: body.email,
      password: body.password,
      confirmPassword: body.password,
      nom: body.nom,
      prenom: body.prenom,
      locale: body.locale ?? 'fr',
      ...(body.telephone ? { phone: body.telephone } : {}),
      ...(body.adresse ? { location: body.adresse } : {}),
      ...(body.specialite ? { specialization: body.specialite } : {}),
      // The temporary code's format is this dialect's: the use case looks any code up by its guard.
      organisationCode: body.clinicCode,
    },
    extras: { desiredRole: body.roleSouhaite },
  };
}

export function registerRequestAnswer(registration: Registration, email: string): Infer<typeof registerRequestResponse> {
  if (registration.outcome === 'pending') {
    const { pending } = registration;
    return {
      success: true,
      message: MESSAGES.requestSent,
      request: { id: pending.user.id, email, statut: 'pending', clinic_id: pending.organisation.id, clinic_name: pending.organisation.nom },
    };
  }
  // A code that needs no approval (an organisation created elsewhere) lets the person in at once.
  const { session } = registration;
  return {
    success: true,
    message: MESSAGES.requestApprovedAtOnce,
    request: {
      id: session.user.id,
      email,
      statut: 'approved',
      clinic_id: session.organisation?.id ?? '',
      clinic_name: session.organisation?.nom ?? '',
    },
  };
}

type RequestView = Infer<typeof registrationRequestResponse>['request'];
type JoinRequestLike = Pick<JoinRequest, 'userId' | 'nom' | 'prenom' | 'status' | 'createdAt'> &
  Partial<
    Pick<JoinRequest, 'email' | 'phone' | 'location' | 'desiredRole' | 'specialization' | 'role' | 'reviewedBy' | 'reviewedAt' | 'reason'>
  >;

const STATUT = { PENDING: 'pending', APPROVED: 'approved', REJECTED: 'rejected' } as const;

/** A join request under the seed's registration_requests column names. */
export const requestView = (request: JoinRequestLike, clinicId: string): RequestView => ({
  id: request.userId,
  nom: request.nom,
  prenom: request.prenom,
  ...(request.email ? { email: request.email } : {}),
  ...(request.phone ? { telephone: request.phone } : {}),
  ...(request.location ? { adresse: request.location } : {}),
  ...(request.desiredRole ? { role_souhaite: request.desiredRole } : {}),
  ...(request.specialization ? { specialite: request.specialization } : {}),
  statut: STATUT[request.status],
  clinic_id: clinicId,
  created_at: request.createdAt,
  ...(request.role ? { role: request.role } : {}),
  ...(request.reviewedBy ? { reviewed_by: request.reviewedBy } : {}),
  ...(request.reviewedAt ? { reviewed_at: request.reviewedAt } : {}),
  ...(request.status === 'APPROVED' && request.reviewedAt ? { date_approbation: request.reviewedAt } : {}),
  ...(request.reason ? { raison: request.reason } : {}),
});
