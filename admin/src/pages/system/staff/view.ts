/**
 * What the 员工 page sends and shows: the staff form as the create or edit request (checked with the
 * contract's own rules, so the page refuses what the server would), and a member of staff in words.
 */
import {
  createStaffContract,
  editStaffContract,
  STAFF_ROLE_LABELS,
  STAFF_STATUS_LABELS,
  type StaffItem,
  type StaffRole,
} from '@shared/admin-client';

import { fieldErrors, type FieldErrors } from '../../../utils/form-errors';

export interface StaffForm {
  account: string;
  name: string;
  role: StaffRole;
  /** '' when none. */
  merchantId: string;
}

export type StaffField = keyof StaffForm;

export const emptyStaffForm = (): StaffForm => ({ account: '', name: '', role: 'service', merchantId: '' });

/** The form for editing a member of staff. */
export const staffFormOf = (staff: StaffItem): StaffForm => ({
  account: staff.account,
  name: staff.name,
  role: staff.role,
  merchantId: staff.merchantId ?? '',
});

const merchantOf = (form: StaffForm) =>
  form.role === 'merchant' && form.merchantId !== '' ? { merchantId: form.merchantId } : {};

type Checked<T> = { ok: true; request: T } | { ok: false; errors: FieldErrors<StaffField> };

/** The createStaff request, or the fields' messages. A merchant's merchant is kept only for a merchant. */
export function createRequest(form: StaffForm): Checked<{
  account: string;
  name: string;
  role: StaffRole;
  merchantId?: string;
}> {
  const parsed = createStaffContract.request.safeParse({
    account: form.account,
    name: form.name,
    role: form.role,
    ...merchantOf(form),
  });
  return parsed.success
    ? { ok: true, request: parsed.data }
    : { ok: false, errors: fieldErrors<StaffField>(parsed.error.issues) };
}

/** The editStaff request for `staffId`, or the fields' messages. */
export function editRequest(
  staffId: string,
  form: StaffForm,
): Checked<{ staffId: string; name: string; role: StaffRole; merchantId?: string }> {
  const parsed = editStaffContract.request.safeParse({
    staffId,
    name: form.name,
    role: form.role,
    ...merchantOf(form),
  });
  return parsed.success
    ? { ok: true, request: parsed.data }
    : { ok: false, errors: fieldErrors<StaffField>(parsed.error.issues) };
}

/** `商家 · 江津花椒铺`, `平台运营`. */
export function roleText(staff: Pick<StaffItem, 'role' | 'merchantId' | 'merchantName'>): string {
  const role = STAFF_ROLE_LABELS[staff.role];
  return staff.role === 'merchant' ? `${role} · ${staff.merchantName ?? staff.merchantId ?? '—'}` : role;
}

/** `启用`, `已停用`, and `待改密` for an account waiting for its own password. */
export function statusText(staff: Pick<StaffItem, 'status' | 'mustChangePassword'>): string {
  const status = STAFF_STATUS_LABELS[staff.status];
  return staff.mustChangePassword && staff.status === 'active' ? `${status} · 待改密` : status;
}
