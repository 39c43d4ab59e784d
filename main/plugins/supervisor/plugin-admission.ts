/**
 * The gate every plugin file passes before any of its code runs: a private, read-only copy
 * named by its SHA-256 (the bytes judged are the bytes run), inspection of that copy (its
 * manifest: name, id, version, capabilities), its minisign signature, and the user's trust
 * mode and answers. Only a file the gate lets through gets a host process.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PluginCapability, PluginFailure, PluginManifest, PluginOutcome, PluginTrust, TrustMode } from '../../../app/plugin-contract.js';
import { inspectFile } from '../../plugin-common/inspect/index.js';
import type { PluginFolder } from '../discovery/plugin-folders.js';
import { PluginApprovals } from '../trust/approvals.js';
import { checkSignature, type SignatureCheck } from '../trust/minisign.js';
import type { PluginStore } from '../trust/plugin-store.js';
import { decideTrust } from '../trust/trust-decision.js';
import { loadTrustedKeys } from '../trust/trusted-keys.js';

export interface Admission {
  sha256: string;
  /** The private copy a host loads. */
  privatePath: string;
  trust: PluginTrust;
  /** Whether the file may run now; when not, `failure` says why (awaiting consent, denied, refused). */
  runs: boolean;
  failure: PluginFailure | null;
  /** What its manifest asks for: granted exactly, once it runs. */
  capabilities: PluginCapability[];
}

export interface AdmissionOptions {
  store: PluginStore;
  configDir: string;
  /** The trust mode in force (the command line's, else settings.json's). */
  trustMode(): Promise<TrustMode>;
}

export class PluginAdmission {
  private readonly approvals: PluginApprovals;

  constructor(private readonly options: AdmissionOptions) {
    this.approvals = new PluginApprovals(options.configDir);
  }

  /**
   * Copies, inspects and judges the file. A file that is not a plugin at all fails here with
   * the inspector's code, without asking the user anything; its bytes never run.
   */
  async admit(realPath: string, origin: PluginFolder['origin']): Promise<PluginOutcome<Admission>> {
    const stored = await this.options.store.admit(realPath);
    if (!stored.ok) return stored;
    const { sha256, privatePath } = stored.value;
    const inspection = await inspectFile(privatePath);
    if (!inspection.ok) {
      void this.options.store.release(sha256);
      return { ok: false, failure: { code: inspection.code, message: inspection.message.replaceAll(privatePath, realPath), ...(inspection.detail ? { detail: inspection.detail } : {}) } };
    }
    const manifest: PluginManifest | null = inspection.manifest;
    const [signature, approval, mode] = await Promise.all([this.signature(realPath, privatePath), this.approvals.decision(sha256), this.options.trustMode()]);
    const decision = decideTrust({ mode, origin, signature, approval, fileName: path.basename(realPath) });
    return {
      ok: true,
      value: {
        sha256,
        privatePath,
        trust: { state: decision.state, signer: decision.signer, manifest },
        runs: decision.runs,
        failure: decision.failure,
        capabilities: manifest?.capabilities ?? [],
      },
    };
  }

  /** Records the user's Allow or Deny for exactly these bytes. */
  async decide(sha256: string, decision: 'allow' | 'deny', about: { path: string; id: string | null; name: string | null }): Promise<void> {
    await this.approvals.record(sha256, decision, about);
  }

  /**
   * The signature beside the original file (NAME.so.minisig), checked against the private
   * copy's bytes: a file swapped after it was copied is not what the signature vouches for.
   */
  private async signature(realPath: string, privatePath: string): Promise<SignatureCheck | null> {
    const signatureFile = await this.options.store.signatureFor(realPath);
    if (!signatureFile.ok) return { status: 'invalid', keyId: null, problem: signatureFile.problem };
    if (signatureFile.text === null) return null;
    const [bytes, trusted] = await Promise.all([readFile(privatePath), loadTrustedKeys(this.options.configDir)]);
    return checkSignature(bytes, signatureFile.text, trusted.keys);
  }
}
