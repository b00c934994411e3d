// The shared protocol's requests and notification as typed LSP messages for the server.

import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver';
import { HardenParams, HardenResult, ListRulesResult, methods, ScanImagesParams, ScanImagesResult, StatusParams } from '../shared/protocol';

export * from '../shared/protocol';

export const HardenRequest = new RequestType<HardenParams, HardenResult, void>(methods.harden);
export const ListRulesRequest = new RequestType0<ListRulesResult, void>(methods.listRules);
export const StatusNotification = new NotificationType<StatusParams>(methods.status);
export const ScanImagesRequest = new RequestType<ScanImagesParams, ScanImagesResult, void>(methods.scanImages);
