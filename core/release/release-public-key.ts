/**
 * The release public key built into VetDesk (SPKI PEM, Ed25519): the workstation refuses an
 * update whose manifest is not signed with its private half, and `npm run publish-update`
 * checks against it unless given `--public-key`. Made with `npm run release-key`; replacing it
 * means shipping a release signed with the old key that carries the new one (docs/updates.md).
 *
 * This is the development key: its private half never entered the repository. A practice's
 * own builds replace it with theirs before building installers.
 */
export const RELEASE_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAfLkYFect54H5bD778cIduWmAQ1YAQmc//2rzfe3y3Ws=
-----END PUBLIC KEY-----
`;
