// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlResponse.h"

#include <QObject>
#include <QPointer>

namespace tanager {

class HttpCall;

/// One GraphQL-over-HTTP request in flight. Stops reading once the body passes a size limit (a huge
/// introspection result must not eat the machine's memory), reports exactly once, then deletes itself.
class GraphQlCall : public QObject
{
    Q_OBJECT
public:
    /// Takes over @p call (started by HttpTransport::send).
    GraphQlCall(HttpCall *call, qint64 maxResponseBytes, QObject *parent = nullptr);

    /// Stops the exchange; finished() follows with a Canceled error.
    void cancel();

Q_SIGNALS:
    void finished(const tanager::GraphQlResponse &response);

private:
    void onProgress(qint64 received);
    void onFinished(const HttpExchange &exchange);

    QPointer<HttpCall> m_call;
    qint64 m_maxResponseBytes;
    bool m_tooLarge = false;
};

} // namespace tanager
