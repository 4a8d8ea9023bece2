// The Devices tab's pairing panel (admins only): each device of the config with how it signs in and its
// last contact; a one-time code with its QR for a new device or one replacing it; revoking, confirmed
// first, which closes the device's connections at once (hub/src/security/pairing.ts).
import { ApiError, callApi, httpApi, type PairedDevice, type PairingCode } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import QRCode from 'qrcode';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';

interface PairingProps {
  locale: Locale;
  timeZone: string;
}

export function Pairing({ locale, timeZone }: PairingProps) {
  const [devices, setDevices] = useState<PairedDevice[] | null>(null);
  const [code, setCode] = useState<PairingCode | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const time = (at: number) => new Date(at).toLocaleString(locale.lang, { timeZone });
  const refresh = useCallback(() => {
    callApi(httpApi.adminDevices, {}).then(
      (answer) => setDevices(answer.devices),
      (error: unknown) => setFailure(String(error instanceof Error ? error.message : error)),
    );
  }, []);
  useEffect(refresh, []);
  const act = async (action: () => Promise<void>) => {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error instanceof ApiError || error instanceof Error ? error.message : String(error));
    }
    refresh();
  };
  const stateText = (d: PairedDevice) => {
    if (d.state === 'paired') return locale.t('admin.pairing.state.paired', { when: d.pairedAt ? time(d.pairedAt) : '' });
    if (d.state === 'revoked') return locale.t('admin.pairing.state.revoked', { when: d.revokedAt ? time(d.revokedAt) : '' });
    return locale.t(`admin.pairing.state.${d.state}`);
  };
  return (
    <section className="pairing-panel" aria-labelledby="pairing-title">
      <h2 id="pairing-title">{locale.t('admin.pairing.title')}</h2>
      <p>{locale.t('admin.pairing.intro')}</p>
      {failure && (
        <p role="alert" className="admin-error">
          {locale.t('admin.pairing.failed', { error: failure })}
        </p>
      )}
      <table className="pairing-devices">
        <thead>
          <tr>
            <th scope="col">{locale.t('admin.pairing.device')}</th>
            <th scope="col">{locale.t('admin.pairing.role')}</th>
            <th scope="col">{locale.t('admin.pairing.state')}</th>
            <th scope="col">{locale.t('admin.pairing.lastContact')}</th>
            <th scope="col">{locale.t('admin.pairing.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {devices?.map((d) => (
            <tr key={d.id} data-pairing={d.id}>
              <th scope="row">{d.id}</th>
              <td>{locale.t(`admin.deviceRole.${d.role}`)}</td>
              <td data-state={d.state}>{stateText(d)}</td>
              <td>{d.lastContact ? time(d.lastContact) : locale.t('admin.pairing.never')}</td>
              <td className="pairing-actions">
                <button
                  type="button"
                  aria-label={`${locale.t(d.state === 'unpaired' ? 'admin.pairing.add' : 'admin.pairing.replace')} ${d.id}`}
                  onClick={() =>
                    act(async () => setCode(await callApi(httpApi.adminDevicePairing, { params: { device: d.id }, body: {} })))
                  }
                >
                  {locale.t(d.state === 'unpaired' ? 'admin.pairing.add' : 'admin.pairing.replace')}
                </button>
                {d.state !== 'revoked' && d.state !== 'unpaired' && (
                  <button
                    type="button"
                    className="danger"
                    aria-label={`${locale.t('admin.pairing.revoke')} ${d.id}`}
                    onClick={() => setRevoking(d.id)}
                  >
                    {locale.t('admin.pairing.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {code && <CodeDialog code={code} locale={locale} expires={time(code.expiresAt)} onClose={() => setCode(null)} />}
      {revoking && (
        <Dialog title={locale.t('admin.pairing.confirmTitle', { device: revoking })} onClose={() => setRevoking(null)}>
          <p>{locale.t('admin.pairing.confirmText')}</p>
          <div className="dialog-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                const device = revoking;
                setRevoking(null);
                void act(() => callApi(httpApi.adminDeviceRevoke, { params: { device }, body: {} }).then(() => undefined));
              }}
            >
              {locale.t('admin.pairing.confirm')}
            </button>
            <button type="button" onClick={() => setRevoking(null)}>
              {locale.t('admin.pairing.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function CodeDialog({ code, locale, expires, onClose }: { code: PairingCode; locale: Locale; expires: string; onClose: () => void }) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toDataURL(code.qr, { margin: 2, width: 320, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(null));
  }, [code.qr]);
  return (
    <Dialog title={locale.t('admin.pairing.codeTitle', { device: code.device })} onClose={onClose}>
      <p>{locale.t('admin.pairing.codeHelp')}</p>
      <p className="pairing-code-big" data-code={code.code}>
        {code.code.slice(0, 4)}-{code.code.slice(4)}
      </p>
      <p>{locale.t('admin.pairing.expires', { time: expires })}</p>
      {qr && <img className="pairing-qr" src={qr} alt={locale.t('admin.pairing.qr')} width={320} height={320} />}
      <p>
        {locale.t('admin.pairing.link')}: <code className="pairing-link">{code.qr}</code>
      </p>
      {code.caFingerprint && (
        <p>
          {locale.t('admin.pairing.fingerprint')}: <code className="pairing-fingerprint">{code.caFingerprint}</code>
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {locale.t('admin.pairing.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** A modal dialog: focus moves into it, Escape closes it, the page behind is inert. */
function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="admin-dialog" aria-labelledby="dialog-title" onClose={onClose}>
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}
