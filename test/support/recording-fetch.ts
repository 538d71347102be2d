/** An injected fetch that records each request and answers with `respond`. */
export function recordingFetch(respond: (request: Request) => Response = () => Response.json({})) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return respond(request);
  };
  return { fetch, requests };
}

export const envelope = (result: unknown) =>
  Response.json({ success: true, errors: [], messages: [], result, resultInfo: { totalCount: 0, pageIndex: 0, pageSize: 0, totalPages: 0, hasNextPage: false, hasPreviousPage: false } });
