import { may, type Permission } from '../domain/roles.ts';
import { forbidden } from '../http/errors.ts';

/** Services check the permission themselves (403), whatever route calls them. */
export function authorize(user: Parameters<typeof may>[0], permission: Permission): void {
  if (!may(user, permission)) throw forbidden();
}
