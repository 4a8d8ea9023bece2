import { type DeviceHealth, type PrinterStatus, topics } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import { useEffect, useState } from 'react';
import type { KioskPrinter } from './printer.js';

const POLL_MS = 5000;

/**
 * The printer's state, checked every few seconds, and published to the hub as this device's health
 * (retained) whenever it changes, so supervisors see a kiosk that needs paper.
 */
export function usePrinterStatus(printer: KioskPrinter, client: ViknoClient, site: string, device: string): PrinterStatus | null {
  const [status, setStatus] = useState<PrinterStatus | null>(null);
  useEffect(() => {
    let active = true;
    let last = '';
    const check = async () => {
      const next = await printer.printerStatus();
      if (!active) return;
      const { checkedAt: _, ...condition } = next;
      const key = JSON.stringify(condition);
      if (key === last) return;
      last = key;
      setStatus(next);
      const health: DeviceHealth = { device, printer: next, at: next.checkedAt };
      client.mqtt.publish(topics.health(site, device), JSON.stringify(health), { qos: 1, retain: true });
    };
    void check();
    const timer = setInterval(check, POLL_MS);
    // A reconnect may follow a hub restart: say the state again.
    const again = () => {
      last = '';
      void check();
    };
    client.mqtt.on('connect', again);
    return () => {
      active = false;
      clearInterval(timer);
      client.mqtt.off('connect', again);
    };
  }, [printer, client, site, device]);
  return status;
}
