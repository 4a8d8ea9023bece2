// Ticket printing: ESC/POS encoding and decoding, printer models, transports, the printer and its monitor.
export { type Block, encodeBlocks } from './blocks.js';
export { type CodePage, type CodePageName, canEncode, chooseCodePage } from './codepages.js';
export { openPrinter, type PrinterConfig, type PrinterDeps, printerConfigSchema } from './config.js';
export { type Command, decodeEscPos, EscPosDecodeError, type PrintedItem, scanCommands } from './decoder.js';
export { PrinterMonitor, type PrinterMonitorOptions } from './monitor.js';
export { NetworkTransport, type NetworkTransportOptions } from './network-transport.js';
export { renderPreview } from './preview.js';
export {
  EscPosPrinter,
  type EscPosPrinterOptions,
  type Printer,
  PrinterError,
  type PrinterErrorCode,
  type PrintJob,
} from './printer.js';
export { PROFILE_IDS, PROFILES, type PrinterProfile, type ProfileId, printerProfile } from './profiles.js';
export { imageToRaster, type RasterImage } from './raster.js';
export { SerialTransport, type SerialTransportOptions } from './serial-transport.js';
export { parseStatus, type StatusReplies } from './status.js';
export { type TicketOptions, ticketBytes } from './ticket.js';
export type { Transport } from './transport.js';
export { loadUsb, type UsbModule, UsbTransport, type UsbTransportOptions } from './usb-transport.js';
export { type PaperLevel, VirtualPrinterDevice, type VirtualPrinterState, VirtualTransport } from './virtual-printer.js';
