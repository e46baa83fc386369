/**
 * The release public key built into the app (Ed25519, SPKI PEM): the workstation installs only
 * a release whose channel file is signed by its private half (core/release/release-signature.ts).
 * Replace it with the public half made by the practice's release key generation, and rebuild;
 * the private key never goes into the repository or onto the server. A key in the app, not in
 * settings, so that whoever can write a workstation's settings cannot choose what it installs.
 */
export const RELEASE_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAn0K+mfvXFIybVIoL4n628PC3duPqtk1TjutXxHFJlYM=
-----END PUBLIC KEY-----`;
