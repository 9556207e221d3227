/** New ids for the documents the server creates: the domain's format, this process's randomness. */
import { randomBytes, randomInt } from 'node:crypto';
import { formatId, ID_RANDOM_LENGTH, type IdPrefix } from '../../domain/ids';
import { USER_REF_ALPHABET, USER_REF_LENGTH } from '../../domain/user.schema';

export function newId(prefix: IdPrefix, now: number): string {
  return formatId(prefix, now, randomBytes(ID_RANDOM_LENGTH));
}

/** A random share ref: 8 characters of [0-9a-z], uniform (41 bits). */
export function newUserRef(): string {
  return Array.from({ length: USER_REF_LENGTH }, () => USER_REF_ALPHABET[randomInt(USER_REF_ALPHABET.length)]).join('');
}
