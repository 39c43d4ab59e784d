/**
 * The sandboxed preload: the page's only door to main. It exposes one object, `quireIpc`,
 * and passes plain messages through it; the page never receives `ipcRenderer` or an IPC
 * event object. Built to CommonJS, because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IpcChannel,
  type EventMessage,
  type QuireIpcBridge,
  type OutgoingRequest,
  type ResponseMessage,
} from '../../app/ipc-bridge.js';

const bridge: QuireIpcBridge = {
  invoke(message: OutgoingRequest): Promise<ResponseMessage> {
    return ipcRenderer.invoke(IpcChannel.request, message) as Promise<ResponseMessage>;
  },
  onEvent(listener: (message: EventMessage) => void): () => void {
    const forward = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
    ipcRenderer.on(IpcChannel.event, forward);
    return () => {
      ipcRenderer.removeListener(IpcChannel.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('quireIpc', bridge);
