import type { IncomingMessage, ServerResponse } from "node:http";

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

/** A route of the processing API: its pattern (`/api/pos/v1/purchases/[id]/commit`) and the handlers it exports by method. */
export interface PosRoute {
  pattern: string;
  methods: Record<string, Handler>;
}

export declare const POS_PREFIX: string;
export declare function loadPosRoutes(distDir: string): Promise<PosRoute[]>;
export declare function requestOrigin(appUrl?: string): string;
export declare function posDispatcher(routes: PosRoute[], options: { origin: string }): (req: IncomingMessage, res: ServerResponse) => boolean;
