// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeaderRedactor.h"

using namespace Qt::StringLiterals;

namespace tanager {

QByteArrayList HeaderRedactor::defaultNames()
{
    return {"Authorization"_ba, "Proxy-Authorization"_ba, "Cookie"_ba, "Set-Cookie"_ba};
}

QByteArray HeaderRedactor::placeholder()
{
    return "[redacted]"_ba;
}

HeaderRedactor::HeaderRedactor() : m_names(defaultNames()) {}

HeaderRedactor::HeaderRedactor(QByteArrayList names) : m_names(std::move(names)) {}

bool HeaderRedactor::isSecret(QByteArrayView name) const
{
    const QByteArrayView trimmed = name.trimmed();
    for (const QByteArray &secret : m_names) {
        if (trimmed.compare(secret, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray HeaderRedactor::redact(const QByteArray &headers) const
{
    QByteArray out;
    out.reserve(headers.size());
    bool inSecret = false;
    qsizetype pos = 0;
    while (pos < headers.size()) {
        qsizetype end = headers.indexOf('\n', pos);
        end = end < 0 ? headers.size() : end + 1;
        const QByteArrayView line(headers.constData() + pos, end - pos);
        pos = end;

        QByteArrayView ending;
        QByteArrayView content = line;
        if (content.endsWith('\n')) {
            const qsizetype cut = content.endsWith("\r\n") ? 2 : 1;
            ending = content.last(cut);
            content = content.first(content.size() - cut);
        }

        // An obsolete folded continuation line belongs to the header above it, so it is secret too.
        if (!content.isEmpty() && (content.front() == ' ' || content.front() == '\t')) {
            if (!inSecret)
                out.append(line);
            continue;
        }
        const qsizetype colon = content.indexOf(':');
        inSecret = colon > 0 && isSecret(content.first(colon));
        if (!inSecret) {
            out.append(line);
            continue;
        }
        out.append(content.first(colon));
        out.append(": ");
        out.append(placeholder());
        out.append(ending);
    }
    return out;
}

} // namespace tanager
