// SPDX-License-Identifier: GPL-3.0-or-later
#include "CurlCommand.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace tanager {

QString CurlCommand::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', "'\\''"_L1);
    return u'\'' + quoted + u'\'';
}

QString CurlCommand::fromRequest(const PreparedRequest &request, const RequestBody &body)
{
    QStringList parts{u"curl"_s};
    // curl sends GET, or POST when it has data; any other method needs -X.
    if (request.method != (request.hasBody ? "POST" : "GET"))
        parts << u"-X"_s << QString::fromLatin1(request.method);
    parts << shellQuote(request.url.toString(QUrl::FullyEncoded));
    static const QByteArrayList curlOwn = {"host", "content-length", "connection"};
    for (const HeaderLine &line : request.headers) {
        if (line.automatic && curlOwn.contains(line.name.toLower()))
            continue;
        if (line.automatic && line.name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0) {
            parts << u"--compressed"_s; // curl then decodes the body as Tanager does
            continue;
        }
        if (body.kind == BodyKind::Multipart && line.name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            continue; // curl writes its own boundary with -F
        parts << u"-H"_s << shellQuote(QString::fromUtf8(line.name + ": " + line.value));
    }
    switch (request.hasBody ? body.kind : BodyKind::None) {
    case BodyKind::None:
        break;
    case BodyKind::Raw:
    case BodyKind::FormUrlEncoded:
        parts << u"--data-binary"_s << shellQuote(QString::fromUtf8(request.body.preview(request.body.size())));
        break;
    case BodyKind::Multipart:
        for (const MultipartField &field : body.multipart) {
            if (field.enabled)
                parts << u"-F"_s << shellQuote(field.name + u'=' + (field.isFile ? u"@"_s + field.value : field.value));
        }
        break;
    case BodyKind::BinaryFile:
        parts << u"--data-binary"_s << shellQuote(u"@"_s + body.filePath);
        break;
    }
    if (!request.options.verifyTls)
        parts << u"--insecure"_s;
    if (!request.options.caBundlePath.isEmpty())
        parts << u"--cacert"_s << shellQuote(request.options.caBundlePath);
    if (!request.options.clientCertPath.isEmpty())
        parts << u"--cert"_s << shellQuote(request.options.clientCertPath);
    if (!request.options.clientKeyPath.isEmpty())
        parts << u"--key"_s << shellQuote(request.options.clientKeyPath);
    if (request.options.followRedirects)
        parts << u"-L"_s << u"--max-redirs"_s << QString::number(request.options.maxRedirects);
    return parts.join(u' ');
}

} // namespace tanager
