import { Tooltip } from 'antd';
import type { User } from '../api/types';
import '../styles/plain-words.css';

export const kWithheldText = '(không hiển thị)';
export const kWithheldReason = 'Bạn không có quyền xem thông tin này';

// Whether the user's role reads personal data (ID number, phone, address, verification
// details): the server leaves those keys out for the others (src/http/redaction.h; mirrors
// Permission::kReadPersonal in src/domain/role.cc — change both together).
export function readsPersonal(user: User | null | undefined): boolean {
  return !!user && ['organisation_board', 'grassroots_staff', 'cell_secretary'].includes(user.role);
}

// In place of a value the server withheld: says so plainly, and why on hover or focus.
export function Withheld({ reason = kWithheldReason }: { reason?: string }) {
  return (
    <Tooltip title={reason}>
      <span className="withheld" tabIndex={0} aria-label={`${kWithheldText}: ${reason}`}>{kWithheldText}</span>
    </Tooltip>
  );
}
